import PortalContent

extension SiteBuilder {
    /// What a site needs to be published properly and lacks: an address, and the feed ids' authority.
    ///
    /// Each is one warning on site.yaml, however many pages it touches: without `base_url` no sitemap is
    /// written (the protocol allows only absolute addresses) and the feed has no self link; without
    /// `id_authority` the feed's entry ids are the same for every portal. Only with
    /// ``Options/checksPublishingSettings``.
    func publishingWarnings(_ site: ContentSite, displayRoot: String) -> [Diagnostic] {
        guard options.checksPublishingSettings else { return [] }
        let path = "\(displayRoot)/site.yaml"
        var warnings: [Diagnostic] = []
        if site.config.baseURL.isEmpty {
            warnings.append(Diagnostic(
                .warning, path: path, line: 1,
                message: "no base_url: sitemap.xml is not written and the feed has only relative links; set base_url: "
                    + "\(PublishedAddress.example) to the address the site is published at, or pass --base-url"))
        }
        if site.config.feedIdentity == nil && site.documents.contains(where: { $0.kind == .letter }) {
            warnings.append(Diagnostic(
                .warning, path: path, line: 1,
                message: "no id_authority and id_date: the feed's entry ids fall back to urn:consultation-portal:…, which every "
                    + "portal shares; set them once, e.g. id_authority: example.org and id_date: 2026-12-07 (see docs/authoring-guide.md)"))
        }
        return warnings
    }
}
