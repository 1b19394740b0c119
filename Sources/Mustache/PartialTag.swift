//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Consultation Portal: one `{{> name}}` or `{{< name}}` tag of a parsed template, nested ones included.
///
/// Rendering a partial that is not registered gives no text, and a partial that
/// includes itself recurses until the stack overflows; with these a caller can
/// check every name and the include graph before rendering anything.
public struct MustachePartialTag: Sendable, Equatable {
    /// The partial's name as written, without the `*` of a dynamic name.
    public let name: String
    /// `{{>*name}}` or `{{<*name}}`: the partial's name is the value of `name` when rendering.
    public let isDynamic: Bool
    /// `{{< name}}…{{/name}}`, a parent template with blocks, rather than `{{> name}}`.
    public let isParent: Bool
    /// Where the tag's opening delimiter starts, in UTF-8 bytes from the start of the parsed text.
    public let offset: Int
}
