import Foundation
import InterviewEngine
import RecordExport
import SessionStore

/// Writes the learning capture record (JSON) and its Markdown summary, durably and 0600.
enum RecordWriter {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// The practitioner's own record file keeps everything; every other output takes it through `Disclosed`.
    static func encode(_ record: CaptureRecord) throws -> Data {
        var data = try encoder.encode(Disclosed(record, .everything))
        data.append(0x0A)
        return data
    }

    /// Returns the JSON path written.
    static func write(_ record: CaptureRecord, jsonPath: String) throws -> String {
        let folder = (jsonPath as NSString).deletingLastPathComponent
        let base = jsonPath.hasSuffix(".json") ? String(jsonPath.dropLast(5)) : jsonPath
        do {
            if !folder.isEmpty { try DurableFile.ensureFolder(folder) }
            try DurableFile.write(try encode(record), to: jsonPath)
            try DurableFile.write(Data(Disclosed(record, .everything).markdown.utf8), to: base + ".md")
        } catch let error as StoreError {
            throw CLIError(message: "The record could not be written: \(error)", code: ExitStatus.cannotCreate)
        }
        return jsonPath
    }
}

extension InterviewDriver {
    /// Writes the record at the end and tells the person where it is.
    func writeRecord() throws {
        guard let record = machine.captureRecord(sessionID: sessionID) else { return }
        let path = recordPath ?? (env.recordsFolder as NSString).appendingPathComponent("\(sessionID).json")
        let written: String
        do {
            written = try RecordWriter.write(record, jsonPath: path)
        } catch var error as CLIError {
            error.message +=
                "\nNothing is lost: the answers are saved, and the record is written again from them the next time "
                + "you open the session (microproject continue \(sessionID))."
            throw error
        }
        console.write("\nThe learning capture record is saved:\n  \(written)\n")
        do {
            try journal.store.setRecordPath(sessionID: sessionID, path: DerivedRecords.absolute(written))
        } catch {
            console.error(
                "The record is written, but the session could not note where it is (\((error as? CLIError)?.message ?? "\(error)")), "
                    + "so 'microproject show \(sessionID)' will not mention it.\n"
            )
        }
        let md = written.hasSuffix(".json") ? String(written.dropLast(5)) + ".md" : written + ".md"
        console.write("  \(md) (a summary to read)\n")
    }
}
