// Reference for Scripts/bench: the smallest Swift program that loads Foundation the way microproject does.
import Foundation

let now = Date()
let pid = ProcessInfo.processInfo.processIdentifier
print("hello from \(pid) at \(Int(now.timeIntervalSince1970))")
