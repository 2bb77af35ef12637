import Foundation
import RecordExport
import Testing

/// A workbook as openpyxl, an independent reader, sees it: for each sheet its frozen pane, filter and cells.
struct ReadBack: Decodable {
    struct Cell: Decodable, Equatable {
        /// openpyxl's data type: s (text), n (number), d (date), f (formula), b, e.
        var type: String
        /// Text as stored; a number as Python prints it; a date as YYYY-MM-DD.
        var value: String
        var quotePrefix: Bool
    }

    struct Sheet: Decodable {
        var title: String
        var freeze: String?
        var filter: String?
        /// Row by row, every cell up to the sheet's last column; nil where a cell is empty.
        var rows: [[Cell?]]
    }

    var sheets: [Sheet]
    /// Warnings openpyxl gave while loading (none expected).
    var warnings: [String]
    /// Formula elements (`<f>`) anywhere in the worksheet parts.
    var formulaElements: Int
    var creator: String?

    func sheet(_ title: String) -> Sheet? { sheets.first { $0.title == title } }

    static let script = """
        import json, sys, warnings, zipfile, datetime
        import xml.etree.ElementTree as ET
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            import openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
        def cell(c):
            if c.value is None:
                return None
            if isinstance(c.value, datetime.datetime):
                value = c.value.date().isoformat()
            elif isinstance(c.value, bool):
                value = 'TRUE' if c.value else 'FALSE'
            else:
                value = str(c.value)
            return {'type': c.data_type, 'value': value, 'quotePrefix': bool(c.quotePrefix)}
        sheets = []
        for ws in wb.worksheets:
            rows = [[cell(c) for c in row] for row in ws.iter_rows(max_col=ws.max_column)]
            sheets.append({'title': ws.title, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'rows': rows})
        formulas = 0
        with zipfile.ZipFile(sys.argv[1]) as z:
            for name in z.namelist():
                if name.startswith('xl/worksheets/'):
                    root = ET.fromstring(z.read(name))
                    formulas += sum(1 for e in root.iter() if e.tag.endswith('}f'))
        print(json.dumps({'sheets': sheets, 'warnings': [str(w.message) for w in caught],
                          'formulaElements': formulas, 'creator': wb.properties.creator}))
        """

    /// Reads `path` with openpyxl; fails the test when it cannot.
    static func read(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ReadBack {
        let result = try Python.run(script, [path])
        try #require(
            result.status == 0,
            "openpyxl could not read \(path) (pip install openpyxl, or Scripts/setup --for-tests): \(result.stderr)",
            sourceLocation: sourceLocation
        )
        return try JSONDecoder().decode(ReadBack.self, from: Data(result.stdout.utf8))
    }
}

enum WorkbookFixture {
    static let about = WorkbookAbout(
        exportedAt: 1_795_942_800_000,  // 2026-11-29T09:00:00Z
        exportedBy: "sam <&> \"Khan\"",
        selection: "every microproject"
    )

    /// Writes the workbook of `records` into `scratch` (the scratch folder is its working folder too).
    static func write(
        _ records: [MicroprojectRecord],
        includeSensitive: Bool,
        in scratch: ScratchFolder,
        name: String = "tracker.xlsx"
    ) throws -> String {
        var data = Data()
        try ExportWriter.xlsx(
            records,
            includeSensitive: includeSensitive,
            about: about,
            workingFolder: scratch.path,
            to: { data.append($0) }
        )
        let path = scratch.file(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }
}
