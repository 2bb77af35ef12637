import MicroprojectCLI

@main
enum Entrypoint {
    static func main() {
        MicroprojectCommand.entrypoint()
    }
}
