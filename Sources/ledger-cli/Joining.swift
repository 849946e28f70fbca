extension Array where Element == String {
    /// The strings one after the other with `separator` between them, as `joined(separator:)`
    /// gives them. The standard library's version is generic code compiled into the runtime: its
    /// first call in a process looks up a type by its mangled name, which was a tenth of a point
    /// query's CPU time. This one is compiled here, for arrays of strings, and looks up nothing.
    func joined(by separator: String) -> String {
        var text = ""
        for (n, part) in enumerated() {
            if n > 0 { text += separator }
            text += part
        }
        return text
    }
}
