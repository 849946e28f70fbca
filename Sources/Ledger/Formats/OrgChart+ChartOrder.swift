extension UnitKind {
    /// Where a kind sorts among siblings in the page's chart: the government first, teams, bodies
    /// and companies last, kinds the vocabulary does not list after all of them.
    var chartRank: Int {
        switch rawValue {
        case "government": 0
        case "chancellery": 1
        case "ministry": 2
        case "authority": 3
        case "department": 4
        case "division": 5
        case "team": 6
        case "body": 7
        case "company": 8
        default: 9
        }
    }
}

extension OrgChart.Node {
    /// Siblings in the order the page draws them (its script sorts the same way): by kind, the
    /// government first, then by name.
    static func inChartOrder(_ a: OrgChart.Node, _ b: OrgChart.Node) -> Bool {
        (a.unit.kind.chartRank, TextFolding.fold(a.unit.name), a.unit.id) < (b.unit.kind.chartRank, TextFolding.fold(b.unit.name), b.unit.id)
    }
}
