"""Site: what the built site holds beyond MkDocs' pages (SEO values, sitemap, per-language search
indexes, 404 pages) and the state a build's events share. No mkdocs imports: the hook hands
MkDocs' data to these functions and puts the answers back."""
