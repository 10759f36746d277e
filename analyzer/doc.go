// Package analyzer defines an Analyzer that checks Go code raising errors
// from a Kuzzle-style error-code registry.
//
// # Analyzer kerrlint
//
// kerrlint: check error ids, classes, statuses and codes against the registry
//
// Services that speak Kuzzle's error protocol raise errors by id
// (services.storage.not_found); each id is registered with a 32-bit code,
// a class and an HTTP status. A mistyped id silently degrades to
// core.fatal.unexpected_error at run time. kerrlint checks every raise site
// of package github.com/kerrlint/kerrlint/kerror against the embedded Kuzzle
// 1.12 registry, merged with the files given by -registry.
//
// Ids are resolved from constant expressions of any form (literals, named
// constants from any package, concatenations), from the three parts of
// kerror.Get, and from the kerror.Wrap(...) initialiser of a Scope variable
// assigned once. An id that is not a compile-time constant is not checked.
//
// Raise sites are kerror.New, NewFrom, Get, GetFrom, Scope.Get,
// Scope.GetFrom, the typed constructors (kerror.NotFound, ...), kerror.Error
// literals and Definition.New; id comparisons are kerror.Is and ==, != and
// switch on the ID field of a kerror.Error.
//
// kerrlint also learns the user's own raise sites, in every package:
//
//   - inferred wrappers: a function or method that passes a string
//     parameter (or the domain, subdomain and name, or a kerror.Scope
//     parameter and a name) unchanged to an id position, directly or through
//     another wrapper, is itself a raise site. A parameter that is assigned
//     or whose address is taken disqualifies the candidate. When the
//     wrapper passes its variadic parameter on as the placeholders (args...),
//     its callers' placeholders are counted too.
//   - //kerrlint:id NAME in a function's doc comment makes parameter NAME an
//     id position. When its body raises once, passing its variadic
//     parameter on as the placeholders, its callers' placeholders are
//     counted too.
//   - A variable assigned a kerror function or a wrapper once, and never
//     through a pointer (raise := kerror.New), is called as that function;
//     not an exported package-level one, which importers may assign.
//   - //kerrlint:error id=F code=F status=F class=F (any subset with id) on a
//     struct type makes its literals, and == and switch on field F, checked
//     like kerror.Error's.
//   - -funcs pkg/path.Func:param,(*pkg/path.Type).Method:param for code one
//     cannot annotate.
//
// Errors defined with kerror.Define in a package are registered in every
// package that imports it, with their class, status, code and message.
//
// # unknown-id
//
// An id no registry defines, at every raise site and every id comparison.
// Each diagnostic offers one fix per nearby registered id, best first,
// rewriting the string literal or the declaration of the constant in the
// current package. A kerror.Wrap whose domain.subdomain does not exist is
// reported once, at the Wrap call.
//
// # class-mismatch
//
// A typed constructor, or the Class of a kerror.Error literal, that
// disagrees with the registered class. The fix names the right constructor
// or class constant.
//
// # status-mismatch
//
// The Status of a kerror.Error literal that disagrees with the registry.
//
// # code-mismatch
//
// The Code of a kerror.Error literal that disagrees with the registry; when
// the code belongs to another id, the message names it.
//
// # placeholder-count
//
// A raise passing a number of placeholders different from the number of %s
// in the registered message. Only registries with messages (Kuzzle's JSON
// sources) know it; the embedded registry has none. Calls spreading a slice
// (args...) are not checked.
//
// # deprecated-id
//
// Raising an id the registry marks deprecated.
//
// # dynamic-id
//
// With -strict only: a raise site or kerror.Is whose id is not a
// compile-time constant, so that kerrlint cannot check it.
//
// # duplicate-id, duplicate-code
//
// A kerror.Define whose id or code is already taken: by a registry, by
// another Define of the package or of an imported package. Two imported
// packages defining the same id or code, neither importing the other, are
// reported once, in the first package importing both, at the import that
// brings the second.
//
// # invalid-definition
//
// A kerror.Define with a malformed id, an unknown class, a code whose error
// number is not 1 to 0xffff, or whose domain or subdomain byte disagrees
// with the registry's (or with an earlier definition's) code for that
// domain or subdomain.
//
// # invalid-registry
//
// A registry installed with kerror.UseFS or kerror.InstallFS from a
// package-level embed.FS (of any package) and constant paths, or with
// kerror.Use or Install of a variable assigned once by registry.LoadFS, is
// read by kerrlint too: it applies to the installing package and to every
// package importing it, in Go's initialization order, as at run time. A
// problem that makes Kuzzle refuse it is reported at the JSON file's own
// file:line:col; an install that conflicts with the registry in use (the
// runtime then installs nothing) is reported at the call, or at the import
// bringing the installs in conflict. An install
// kerrlint cannot read (another file system, paths that are not constant)
// may define any id: unknown ids are then not reported, and -strict reports
// the install as dynamic-id. So may kerror.Define or an install used as a
// function value (define := kerror.Define): kerrlint does not follow the
// calls through it.
//
// # stale-id
//
// A constant of a file written by kerrlint registry gen (recognised by its
// first line, // Code generated by kerrlint registry gen. DO NOT EDIT.)
// whose id the registry in use does not have, or whose doc comment gives
// another code, class, status or deprecation than the registry in use: the
// file is stale, regenerate it. It is reported at the constant's
// declaration, in a package that imports kerror (directly or through a
// package that does): elsewhere no registry is in use. Raises through the
// constants are checked as through any constant, and no fix edits a
// generated file.
//
// # unused-ignore
//
// A //kerrlint:ignore REASON comment suppresses kerrlint's diagnostics on its
// own line and, when it stands on a line of its own, on the next one.
// //kerrlint:ignore CHECK[,CHECK] REASON suppresses only the checks named
// (//kerrlint:ignore placeholder-count,deprecated-id REASON): a first word in
// kebab-case with a hyphen is read as a list of checks. A directive that
// suppresses nothing is reported, with a fix that removes it.
//
// # invalid-directive
//
// A //kerrlint:ignore without a reason or naming an unknown check; a //kerrlint:id naming no string
// parameter; a //kerrlint:error on a non-struct type, with an unknown key,
// naming no field or a non-string id field; a -funcs entry naming no string
// parameter of its function.
package analyzer
