/// Record types the generator writes beyond those the model names.
extension RecordType {
    static let report = RecordType(rawValue: "report")
    static let announcement = RecordType(rawValue: "announcement")
}
