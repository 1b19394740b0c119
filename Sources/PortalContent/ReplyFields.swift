/// The fields only a response has: the organization's recommendations under 39 U.S.C. §1004(d)(1)(B) or (d)(2)(A).
public struct ResponseFields: Sendable, Equatable {
    /// The letter or decision answered, relative to Content/ (`responds_to`).
    public var respondsTo: String
    public var from: Person
    public var to: Person

    public init(respondsTo: String, from: Person, to: Person) {
        self.respondsTo = respondsTo
        self.from = from
        self.to = to
    }
}

/// The fields only a decision has: the Postal Service's decision to implement, 39 U.S.C. §1004(d)(2).
public struct DecisionFields: Sendable, Equatable {
    /// The proposal letter decided on, relative to Content/ (`decides`).
    public var decides: String
    /// The day the decision takes effect, `YYYY-MM-DD` (`implements_on`); nil when the decision gives none.
    public var implementsOn: String?
    /// Why the review period was cut short (`extraordinary_circumstances`), as the decision states it.
    public var extraordinaryCircumstances: String?
    public var from: Person?
    public var to: Person?

    public init(decides: String, implementsOn: String?, extraordinaryCircumstances: String?, from: Person?, to: Person?) {
        self.decides = decides
        self.implementsOn = implementsOn
        self.extraordinaryCircumstances = extraordinaryCircumstances
        self.from = from
        self.to = to
    }
}
