"""The tooling around the library: build (parameters, execution and cache, site, publish), bench, audit,
pdf and diff. Tooling imports the library; the library never imports the tooling."""
