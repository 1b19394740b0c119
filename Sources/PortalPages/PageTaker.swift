
/// Takes each finished unit of pages as soon as it is rendered, and hands the pages back without their text.
package protocol PageTaker: AnyObject, Sendable {
    func take(_ files: [OutputFile]) -> [OutputFile]
}
