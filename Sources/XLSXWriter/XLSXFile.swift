import CXLSXWriter
import Foundation
import LPReports

/// A workbook that could not be written, and why.
public struct XLSXError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Writes a ``Spreadsheet`` as an Office Open XML workbook (.xlsx) with libxlsxwriter: the only
/// code that touches its C API. Text cells are written as strings (never formulas), numbers as
/// numbers with their format; every limit libxlsxwriter would refuse (or warn about on the
/// terminal) is checked first, in ``Spreadsheet/problems()``.
public enum XLSXFile {
    /// The creation time written into the workbook's properties: a fixed one (2000-01-01), so
    /// that the same plan gives the same bytes.
    static let creationTime: time_t = 946_684_800

    /// The workbook's bytes. libxlsxwriter 1.1 writes only to a file: it goes through a
    /// temporary file, removed before returning.
    public static func data(_ spreadsheet: Spreadsheet) throws(XLSXError) -> Data {
        let problems = spreadsheet.problems()
        guard problems.isEmpty else { throw XLSXError(message: "the workbook '\(spreadsheet.title)' cannot be written: " + problems.prefix(3).joined(separator: "; ")) }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("allot-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try write(spreadsheet, to: temporary.path)
        do {
            return try Data(contentsOf: temporary)
        } catch {
            throw XLSXError(message: "cannot read back the workbook '\(spreadsheet.title)': \(error.localizedDescription)")
        }
    }

    private static func write(_ spreadsheet: Spreadsheet, to path: String) throws(XLSXError) {
        guard let workbook = workbook_new(path) else {
            throw XLSXError(message: "cannot create a workbook file in the temporary folder")
        }
        // Every exit below goes through workbook_close, which also frees the workbook.
        var closed = false
        defer { if !closed { _ = workbook_close(workbook) } }

        var title = Array(spreadsheet.title.utf8CString)
        var creator = Array("Allot".utf8CString)
        title.withUnsafeMutableBufferPointer { titlePointer in
            creator.withUnsafeMutableBufferPointer { creatorPointer in
                var properties = lxw_doc_properties()
                properties.title = titlePointer.baseAddress
                properties.author = creatorPointer.baseAddress
                properties.created = creationTime
                _ = workbook_set_properties(workbook, &properties)
            }
        }

        var formats: [Spreadsheet.NumberFormat: UnsafeMutablePointer<lxw_format>] = [:]
        for format in Spreadsheet.NumberFormat.allCases {
            guard let pointer = workbook_add_format(workbook) else { throw XLSXError(message: "libxlsxwriter could not add a format") }
            format_set_num_format(pointer, format.excel)
            formats[format] = pointer
        }
        guard let bold = workbook_add_format(workbook), let wrapped = workbook_add_format(workbook) else {
            throw XLSXError(message: "libxlsxwriter could not add a format")
        }
        format_set_bold(bold)
        format_set_text_wrap(wrapped)
        format_set_align(wrapped, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))

        for sheet in spreadsheet.sheets {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                throw XLSXError(message: "libxlsxwriter refused the sheet name '\(sheet.name)'")
            }
            var widths: [Int: Double] = [:]
            for (rowIndex, row) in sheet.rows.enumerated() {
                for (columnIndex, cell) in row.enumerated() {
                    let r = lxw_row_t(rowIndex), c = lxw_col_t(columnIndex)
                    let code: lxw_error
                    var width = 0.0
                    switch cell {
                    case .empty: continue
                    case .text(let text):
                        code = worksheet_write_string(worksheet, r, c, text, nil)
                        width = Double(text.count)
                    case .heading(let text):
                        code = worksheet_write_string(worksheet, r, c, text, bold)
                        // A title row (one cell) may run across the empty cells to its right.
                        width = row.count == 1 ? 0 : Double(text.count) + 1
                    case .number(let value, let format):
                        // Binary noise (300.0000000000001) off, as in the CSV files.
                        code = worksheet_write_number(worksheet, r, c, NumberText.denoised(value), formats[format])
                        width = Double(displayWidth(value, format))
                    }
                    guard code == LXW_NO_ERROR else {
                        throw XLSXError(message: "sheet '\(sheet.name)' row \(rowIndex + 1): \(String(cString: lxw_strerror(code)))")
                    }
                    widths[columnIndex] = max(widths[columnIndex] ?? 0, width)
                }
            }
            // Columns as wide as their contents, within reason: long descriptions wrap at 60.
            for (column, width) in widths {
                let fitted = min(60, max(8, width + 2))
                _ = worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), fitted, width > 60 ? wrapped : nil)
            }
            if sheet.frozenRows > 0 {
                worksheet_freeze_panes(worksheet, lxw_row_t(sheet.frozenRows), 0)
                _ = worksheet_repeat_rows(worksheet, 0, lxw_row_t(sheet.frozenRows - 1))
            }
            worksheet_set_paper(worksheet, 9)  // A4
            if sheet.landscape { worksheet_set_landscape(worksheet) }
            worksheet_fit_to_pages(worksheet, 1, 0)
        }
        closed = true
        let code = workbook_close(workbook)
        guard code == LXW_NO_ERROR else {
            throw XLSXError(message: "cannot write the workbook '\(spreadsheet.title)': \(String(cString: lxw_strerror(code)))")
        }
    }

    /// Characters a number takes in its format, for the column width.
    private static func displayWidth(_ value: Double, _ format: Spreadsheet.NumberFormat) -> Int {
        let digits = max(1, Int(log10(max(1, abs(value)))) + 1)
        switch format {
        case .money: return digits + (digits - 1) / 3 + (value < 0 ? 1 : 0)
        case .fte: return digits + (digits - 1) / 3 + 2
        case .percent: return digits + 5
        case .price: return digits + 8
        case .integer: return digits
        case .exact: return 16
        }
    }
}
