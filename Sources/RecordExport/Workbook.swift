import Foundation
import InterviewEngine

/// The parts of an Office Open XML workbook other than the worksheets: content types, relationships, the
/// workbook, its styles and the document properties. Everything here is small and written whole.
enum WorkbookParts {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// The style ids (indexes into `cellXfs` of styles.xml) the sheets use.
    enum Style: Int {
        /// General: numbers and plain text.
        case plain = 0
        /// The header row: bold labels on a light fill, wrapped, with a line below.
        case header = 1
        /// The codebook names above the labels: small and grey.
        case codebookName = 2
        /// A date: a number shown as YYYY-MM-DD.
        case date = 3
        /// Text that starts like a formula: the spreadsheet's own "quote prefix", so even editing the cell
        /// keeps it text.
        case quotedText = 4
        /// Long text in the Dictionary and About sheets: wrapped, top-aligned.
        case wrapped = 5
        /// The first column of the About sheet: bold, top-aligned.
        case key = 6
        /// A number: centred, so a short count never runs into the text of the next column.
        case number = 7
    }

    static let dateFormatID = 164

    static func contentTypes(sheets: Int) -> String {
        var out = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out += override(
            "/xl/workbook.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        )
        for n in 1...sheets {
            out += override(
                "/xl/worksheets/sheet\(n).xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
            )
        }
        out += override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
        out += override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
        out += override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        return out + "</Types>"
    }

    static func override(_ part: String, _ type: String) -> String {
        #"<Override PartName="\#(part)" ContentType="\#(type)"/>"#
    }

    static var packageRels: String {
        declaration + #"<Relationships xmlns="\#(packageRelationships)">"#
            + #"<Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="\#(packageRelationships)/metadata/core-properties" "#
            + #"Target="docProps/core.xml"/>"#
            + #"<Relationship Id="rId3" Type="\#(relationships)/extended-properties" Target="docProps/app.xml"/>"#
            + "</Relationships>"
    }

    static func workbookRels(sheets: Int) -> String {
        var out = declaration + #"<Relationships xmlns="\#(packageRelationships)">"#
        for n in 1...sheets {
            out += #"<Relationship Id="rId\#(n)" Type="\#(relationships)/worksheet" "#
            out += #"Target="worksheets/sheet\#(n).xml"/>"#
        }
        out += #"<Relationship Id="rId\#(sheets + 1)" Type="\#(relationships)/styles" Target="styles.xml"/>"#
        return out + "</Relationships>"
    }

    /// A sheet as the workbook lists it: its name, and where its filter and printed title rows are.
    struct SheetEntry {
        var name: String
        var filter: String?
        var titleRows: String?
    }

    static func workbook(_ sheets: [SheetEntry]) -> String {
        var out = declaration + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)">"#
        out += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            out += #"<sheet name="\#(SpreadsheetXML.escape(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        out += "</sheets>"
        var names = ""
        for (i, sheet) in sheets.enumerated() {
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'!"
            if let filter = sheet.filter {
                names += #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(i)" hidden="1">"#
                names += SpreadsheetXML.escape(quoted + absolute(filter)) + "</definedName>"
            }
            if let rows = sheet.titleRows {
                names += #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(i)">"#
                names += SpreadsheetXML.escape(quoted + rows) + "</definedName>"
            }
        }
        if !names.isEmpty { out += "<definedNames>" + names + "</definedNames>" }
        return out + "</workbook>"
    }

    /// `A2:C9` as `$A$2:$C$9`.
    static func absolute(_ range: String) -> String {
        range.split(separator: ":").map { ref in
            let letters = ref.prefix { $0.isLetter }
            return "$" + letters + "$" + ref.dropFirst(letters.count)
        }.joined(separator: ":")
    }

    static var styles: String {
        let font = #"<name val="Calibri"/><family val="2"/>"#
        return declaration + #"<styleSheet xmlns="\#(main)">"#
            + #"<numFmts count="1"><numFmt numFmtId="\#(dateFormatID)" formatCode="yyyy\-mm\-dd"/></numFmts>"#
            + #"<fonts count="3">"#
            + #"<font><sz val="11"/>\#(font)</font>"#
            + #"<font><b/><sz val="11"/>\#(font)</font>"#
            + #"<font><sz val="8"/><color rgb="FF6B6B6B"/>\#(font)</font>"#
            + "</fonts>"
            + #"<fills count="3"><fill><patternFill patternType="none"/></fill>"#
            + #"<fill><patternFill patternType="gray125"/></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill>"#
            + "</fill></fills>"
            + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + #"<border><left/><right/><top/><bottom style="thin"><color rgb="FF8EA9C1"/></bottom><diagonal/></border>"#
            + "</borders>"
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="8">"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" "#
            + #"applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
            + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            + #"<xf numFmtId="\#(dateFormatID)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">"#
            + #"<alignment vertical="top" wrapText="1"/></xf>"#
            + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">"#
            + #"<alignment vertical="top"/></xf>"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">"#
            + #"<alignment horizontal="center"/></xf>"#
            + "</cellXfs>"
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }

    /// W3CDTF in UTC without fractions, as document properties want it: 2026-12-01T09:30:00Z.
    static func w3cdtf(_ t: Timestamp) -> String {
        String(CivilTime.iso8601(t).prefix(19)) + "Z"
    }

    static func core(title: String, creator: String, at t: Timestamp) -> String {
        declaration
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(SpreadsheetXML.escape(title))</dc:title>"
            + "<dc:creator>\(SpreadsheetXML.escape(creator))</dc:creator>"
            + #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(w3cdtf(t))</dcterms:created>"#
            + #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(w3cdtf(t))</dcterms:modified>"#
            + "</cp:coreProperties>"
    }

    static var app: String {
        declaration
            + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
            + "<Application>microproject</Application></Properties>"
    }
}
