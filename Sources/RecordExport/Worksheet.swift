import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One cell of a worksheet.
enum SheetCell: Equatable {
    case empty
    /// Text, stored as an inline string: never a formula, whatever it starts with.
    case text(String)
    /// A number already checked to read back as the same text (`SpreadsheetXML.isPlainNumber`).
    case number(String)
    /// A day as Excel's serial number, shown as YYYY-MM-DD.
    case date(Int)

    /// A tracker value as its column's type says: whole numbers and real days become typed cells; a value
    /// that does not fit its type is kept, as text, rather than lost; an empty value is an empty cell.
    init(_ value: String, as type: CellType) {
        if value.isEmpty {
            self = .empty
            return
        }
        switch type {
        case .number where SpreadsheetXML.isPlainNumber(value): self = .number(value)
        case .date:
            if let serial = SpreadsheetXML.serial(day: value) { self = .date(serial) } else { self = .text(value) }
        default: self = .text(value)
        }
    }
}

/// A worksheet part written row by row to a private (0600) file, so a sheet of 10,000 rows never sits in
/// memory: the rows go out in chunks of about 256 KiB.
final class WorksheetWriter {
    private let handle: FileHandle
    private var buffer = ""
    private let columns: Int
    private let frozenRows: Int
    /// Rows written so far; the next row is `rows + 1`.
    private(set) var rows = 0

    /// - Parameters:
    ///   - widths: each column's width, in characters.
    ///   - frozenRows: rows kept in view when scrolling (the header).
    ///   - selected: whether the sheet is the one shown on opening.
    ///   - landscape: printed across the page (the wide tracker sheets).
    init(path: String, widths: [Double], frozenRows: Int, selected: Bool, landscape: Bool) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WorkbookError.cannotWrite(path, errno: errno) }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        columns = widths.count
        letters = (0..<widths.count).map(SpreadsheetXML.columnName)
        self.frozenRows = frozenRows
        self.landscape = landscape
        var head = WorkbookParts.declaration
        head += #"<worksheet xmlns="\#(WorkbookParts.main)" xmlns:r="\#(WorkbookParts.relationships)">"#
        head += #"<sheetViews><sheetView workbookViewId="0""# + (selected ? #" tabSelected="1""# : "") + ">"
        if frozenRows > 0 {
            let topLeft = SpreadsheetXML.reference(column: 0, row: frozenRows + 1)
            head += #"<pane ySplit="\#(frozenRows)" topLeftCell="\#(topLeft)" activePane="bottomLeft" state="frozen"/>"#
            head += #"<selection pane="bottomLeft" activeCell="\#(topLeft)" sqref="\#(topLeft)"/>"#
        }
        head += #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#
        for (i, width) in widths.enumerated() {
            head += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(width)" customWidth="1"/>"#
        }
        head += "</cols><sheetData>"
        buffer = head
    }

    private let landscape: Bool
    /// Each column's letters, worked out once.
    private let letters: [String]

    /// Appends a row. `style` sets every cell's style (the header rows), instead of the one its value
    /// takes; `height` is in points.
    func row(_ cells: [SheetCell], style: WorkbookParts.Style? = nil, height: Double? = nil) throws {
        try row(cells, styles: cells.map { _ in style }, height: height)
    }

    /// Appends a row, with a style for each cell (nil: the style its value takes).
    func row(_ cells: [SheetCell], styles: [WorkbookParts.Style?], height: Double? = nil) throws {
        rows += 1
        let rowNumber = String(rows)
        buffer += #"<row r="\#(rowNumber)""# + (height.map { #" ht="\#($0)" customHeight="1""# } ?? "") + ">"
        for (i, cell) in cells.enumerated() {
            let ref = (i < letters.count ? letters[i] : SpreadsheetXML.columnName(i)) + rowNumber
            let style = i < styles.count ? styles[i] : nil
            switch cell {
            case .empty:
                continue
            case .text(let text):
                let chosen = style ?? (CSV.startsFormula(text) ? .quotedText : .plain)
                buffer += #"<c r="\#(ref)""# + Self.styleAttribute(chosen) + #" t="inlineStr"><is><t"#
                if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
                    buffer += #" xml:space="preserve""#
                }
                buffer += ">" + SpreadsheetXML.escape(text) + "</t></is></c>"
            case .number(let value):
                buffer += #"<c r="\#(ref)""# + Self.styleAttribute(style ?? .number) + "><v>" + value + "</v></c>"
            case .date(let serial):
                buffer += #"<c r="\#(ref)""# + Self.styleAttribute(style ?? .date) + "><v>\(serial)</v></c>"
            }
        }
        buffer += "</row>"
        if buffer.utf8.count >= 256 * 1024 { try flush() }
    }

    static func styleAttribute(_ style: WorkbookParts.Style) -> String {
        style == .plain ? "" : #" s="\#(style.rawValue)""#
    }

    /// Ends the sheet. With `filterRow`, that row (the labels) gets filter buttons over every row below it;
    /// returns the filtered range (`A2:AF10`).
    func finish(filterRow: Int?) throws -> String? {
        buffer += "</sheetData>"
        var filter: String?
        if let filterRow, columns > 0 {
            let range =
                SpreadsheetXML.reference(column: 0, row: filterRow) + ":"
                + SpreadsheetXML.reference(column: columns - 1, row: max(rows, filterRow))
            buffer += #"<autoFilter ref="\#(range)"/>"#
            filter = range
        }
        buffer += #"<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        // The wide tracker sheets print at 70%, so a page holds about the first fifteen columns.
        buffer +=
            landscape
            ? #"<pageSetup paperSize="9" scale="70" orientation="landscape"/>"#
            : #"<pageSetup paperSize="9" orientation="portrait"/>"#
        buffer += "</worksheet>"
        try flush()
        try handle.close()
        return filter
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }
}

/// What went wrong while building a workbook, said for people.
public struct WorkbookError: Error, CustomStringConvertible {
    public var description: String

    static func cannotWrite(_ path: String, errno code: Int32) -> WorkbookError {
        WorkbookError(
            description: "Could not write the workbook's working file \(path): \(String(cString: strerror(code))). "
                + "Check the export folder has space and is writable, then export again."
        )
    }
}
