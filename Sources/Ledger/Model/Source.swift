/// Where a record's facts come from.
public struct Source: Hashable, Sendable {
    /// The source's own title, in its language.
    public var title: String
    public var url: String?
    /// When the source was published, with the precision it states.
    public var published: ValidDate?
    /// File name of the source text in `shared/seeds/`, where one exists.
    public var seed: String?

    public init(title: String, url: String? = nil, published: ValidDate? = nil, seed: String? = nil) {
        self.title = title
        self.url = url
        self.published = published
        self.seed = seed
    }
}
