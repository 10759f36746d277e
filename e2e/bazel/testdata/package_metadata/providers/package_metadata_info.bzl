"""The provider rules_go reads from package_metadata targets (none here)."""

PackageMetadataInfo = provider(
    doc = "Stand-in for @package_metadata's provider: metadata is a File.",
    fields = ["metadata"],
)
