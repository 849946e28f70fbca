import Ledger

// Supervision and offices, named as the change table names them.

/// `setSupervision`: `supervisor` supervises `unit` (for one task only, if given), Fachaufsicht
/// unless another kind is given.
public struct Supervise: ChangeWriting {
    public var supervision: Supervision

    public init(_ supervisor: UnitRef, over unit: UnitRef, kind: SupervisionKind = .fach, task: TaskRef? = nil) {
        supervision = Supervision(supervisor: supervisor.id, unit: unit.id, kind: kind, task: task?.id)
    }

    public var change: Change { .setSupervision(supervision) }
}

/// `endSupervision`: a supervision in force ends.
public struct EndSupervision: ChangeWriting {
    public var supervision: Supervision

    public init(_ supervisor: UnitRef, over unit: UnitRef, kind: SupervisionKind = .fach, task: TaskRef? = nil) {
        supervision = Supervision(supervisor: supervisor.id, unit: unit.id, kind: kind, task: task?.id)
    }

    public var change: Change { .endSupervision(supervision) }
}

/// `appoint`: `person` holds the office `role` in `unit`, named `name` as the sources write it.
///
/// ```swift
/// Appoint("hartmut-schubert", as: "Finanzstaatssekretär", in: "tfm", name: "Hartmut Schubert")
/// ```
public struct Appoint: ChangeWriting {
    public var appointment: Appointment
    public var name: String?

    public init(_ person: PersonRef, as role: String, in unit: UnitRef, name: String? = nil) {
        appointment = Appointment(person: person.id, role: role, unit: unit.id)
        self.name = name
    }

    public var change: Change { .appoint(appointment, name: name) }
}

/// `endAppointment`: `person` no longer holds the office.
public struct EndAppointment: ChangeWriting {
    public var appointment: Appointment

    public init(_ person: PersonRef, as role: String, in unit: UnitRef) {
        appointment = Appointment(person: person.id, role: role, unit: unit.id)
    }

    public var change: Change { .endAppointment(appointment) }
}
