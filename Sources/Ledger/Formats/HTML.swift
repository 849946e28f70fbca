/// Markup for the HTML page's static part, written as text: every value from the ledger passes
/// through `text(_:)`, so a name such as `Amt </script> & Co` is shown, never parsed as markup.
///
/// ```swift
/// HTML.element("li", ["class": "node", "data-unit": "kv40"], HTML.text("A & B"))
/// // <li class="node" data-unit="kv40">A &amp; B</li>
/// ```
enum HTML {
    /// `text` for element content and quoted attribute values: the five special characters as
    /// entities.
    static func text(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// An element with `attributes` in the order given (a nil value leaves the attribute out) and
    /// `content`, which is markup already.
    static func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], _ content: String...) -> String {
        element(tag, attributes, content: content)
    }

    /// `element(_:_:_:)` with its content as an array.
    static func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], content: [String]) -> String {
        var result = "<" + tag
        for (name, value) in attributes {
            guard let value else { continue }
            result += " \(name)=\"\(text(value))\""
        }
        return result + ">" + content.joined() + "</\(tag)>"
    }
}
