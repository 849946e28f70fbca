extension CSV {
    /// The offices on a date: `person,name,role,unit,unit_name,since,record,at`.
    public static func offices(_ rows: [OfficeHolding], at date: ValidDate) -> String {
        let at = date.description
        return document([["person", "name", "role", "unit", "unit_name", "since", "record", "at"]] + rows.map {
            [$0.person.id, $0.person.name ?? "", $0.role, $0.unit.id, $0.unit.name, $0.since.description, $0.record, at]
        })
    }
}
