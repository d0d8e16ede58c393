/// Reads CSV text as Excel does: RFC 4180 quoting (a quoted field may hold the separator, doubled
/// quotes and line breaks), CRLF or LF line ends. A byte order mark is left in the first field:
/// callers check it and drop it.
public func csvRows(_ text: String, separator: Character = ",") -> [[String]] {
    let separator = separator.unicodeScalars.first!
    let scalars = Array(text.unicodeScalars)
    var rows: [[String]] = [], row: [String] = [], field = String.UnicodeScalarView(), quoted = false
    var index = 0
    func endField() {
        row.append(String(field))
        field = String.UnicodeScalarView()
    }
    while index < scalars.count {
        let scalar = scalars[index]
        let next = index + 1 < scalars.count ? scalars[index + 1] : nil
        if quoted {
            if scalar == "\"" && next == "\"" {
                field.append(scalar)
                index += 1
            } else if scalar == "\"" {
                quoted = false
            } else {
                field.append(scalar)
            }
        } else if scalar == "\"" {
            quoted = true
        } else if scalar == separator {
            endField()
        } else if scalar == "\n" || (scalar == "\r" && next == "\n") {
            if scalar == "\r" { index += 1 }
            endField()
            rows.append(row)
            row = []
        } else {
            field.append(scalar)
        }
        index += 1
    }
    if !field.isEmpty || !row.isEmpty {
        endField()
        rows.append(row)
    }
    return rows
}
