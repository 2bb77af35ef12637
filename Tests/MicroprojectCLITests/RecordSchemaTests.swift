import Foundation
import Testing

/// Every record the golden transcripts produce validates against docs/record.schema.json, checked by an
/// independent validator (Python's jsonschema), not by our own code.
@Suite struct RecordSchemaTests {
    @Test func goldenRecordsValidateAgainstThePublishedSchema() throws {
        let root = TestWorld.repoRoot.path
        let script = """
            import glob, json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            files = sorted(glob.glob(sys.argv[2] + '/*.record.json'))
            assert files, 'no records found'
            for f in files:
                jsonschema.validate(json.load(open(f)), schema, cls=jsonschema.Draft202012Validator)
            print(len(files))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, root + "/docs/record.schema.json", TestWorld.fixtures + "/golden",
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(
            process.terminationStatus == 0,
            "python3 jsonschema failed (Scripts/setup --for-tests installs it): \(stderr)"
        )
        #expect(Int(stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 5)
    }
}
