// Package bazelcodes embeds a service's registry files and nothing else,
// as in the README's Bazel layout: it imports no kerror.
package bazelcodes

import "embed"

// FS holds the registry files.
//
//go:embed *.json
var FS embed.FS
