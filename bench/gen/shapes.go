package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// neighbours are the packages package i of a bottom-heavy corpus imports:
// i-1 and i-2, those that exist.
func neighbours(i int) []int {
	var out []int
	for _, j := range []int{i - 1, i - 2} {
		if j >= 0 {
			out = append(out, j)
		}
	}
	return out
}

// bottomHeader starts package i of a bottom-heavy corpus: its clause and
// imports (std, then the others: kerror if raises, its neighbours as n1
// and n2).
func bottomHeader(b *bytes.Buffer, i int, doc string, raises bool, std ...string) {
	name := fmt.Sprintf("p%05d", i)
	fmt.Fprintf(b, "// Package %s is generated benchmark code%s.\npackage %s\n\nimport (\n", name, doc, name)
	for _, imp := range std {
		fmt.Fprintf(b, "\t%q\n", imp)
	}
	b.WriteString("\n")
	if raises {
		b.WriteString("\t\"github.com/kerrlint/kerrlint/kerror\"\n")
	}
	for k, j := range neighbours(i) {
		fmt.Fprintf(b, "\tn%d \"bench.example/corpus/p%05d\"\n", k+1, j)
	}
	b.WriteString(")\n\n")
}

// neighbourForms are the cases of Work calling the neighbours' Work.
func neighbourForms(i int) []string {
	var forms []string
	for k := range neighbours(i) {
		forms = append(forms, fmt.Sprintf(`return n%d.Work(s, n-1)`, k+1), fmt.Sprintf(`return n%d.Work(strings.ToLower(s), n%%7)`, k+1))
	}
	return forms
}

// writeWork writes func Work, one case per site, the forms taken in turn.
func writeWork(b *bytes.Buffer, sites int, forms []string, pre string) {
	fmt.Fprintf(b, "// Work transforms s in one of several ways, or fails.\nfunc Work(s string, n int) (string, error) {\n%s\tswitch n {\n", pre)
	for s := 0; s < sites; s++ {
		fmt.Fprintf(b, "\tcase %d:\n\t\t%s\n", s, strings.ReplaceAll(strings.ReplaceAll(forms[s%len(forms)], "{ return", "{\n\t\t\treturn"), "; ", "\n\t\t"))
	}
}

// bottomRaiseSource is a raising package of a bottom-heavy corpus: it
// raises constant ids of Kuzzle's registry in several forms, and its only
// export is Work, a plain function returning error.
func bottomRaiseSource(i, sites int) string {
	var b bytes.Buffer
	bottomHeader(&b, i, " that raises errors", true, "errors", "strings")
	forms := []string{
		`return "", kerror.New("services.storage.not_found")`,
		`return "", kerror.Get("services", "storage", "unknown_index", s)`,
		`return "", kerror.NotFound("services.storage.not_found")`,
		`return "", &kerror.Error{ID: "security.token.expired", Code: 0x07010006, Status: 401, Class: kerror.UnauthorizedError}`,
		`if kerror.Is(err, "api.assert.missing_argument") { return s, nil }`,
		`if ke != nil && ke.ID == "security.token.invalid" { return "", ke }`,
		`return strings.ToUpper(s), kerror.BadRequest("services.storage.document_already_exists")`,
		`return "", kerror.New("core.fatal.unexpected_error")`,
	}
	forms = append(forms, neighbourForms(i)...)
	pre := "\tvar err error = errors.New(s)\n\tvar ke *kerror.Error\n\t_ = errors.As(err, &ke)\n"
	writeWork(&b, sites, forms, pre)
	b.WriteString("\t}\n\treturn s, nil\n}\n")
	return b.String()
}

// bottomPlainSource is a plain package of a bottom-heavy corpus: code of
// about the size of a raising package, calling its neighbours' Work and
// passing their errors on.
func bottomPlainSource(i, sites int) string {
	var b bytes.Buffer
	bottomHeader(&b, i, " that raises no error", false, "strconv", "strings")
	b.WriteString("// Total counts calls.\nvar Total int\n\n")
	forms := []string{
		`return strings.ToUpper(s), nil`,
		`return s + strconv.Itoa(n), nil`,
		`if strings.HasPrefix(s, "x") { return s[1:], nil }`,
		`return strings.Repeat(s, 2), nil`,
		`parts := strings.Split(s, ","); return strings.Join(parts, ";"), nil`,
		`if v, err := strconv.Atoi(s); err == nil { return strconv.Itoa(v * 2), nil }`,
		`return strings.TrimSpace(s), nil`,
		`var sb strings.Builder; sb.WriteString(s); sb.WriteByte('!'); return sb.String(), nil`,
	}
	forms = append(forms, neighbourForms(i)...)
	writeWork(&b, sites, forms, "\tTotal++\n")
	b.WriteString("\t}\n\treturn s, nil\n}\n")
	return b.String()
}

// maxInstalled is the most ids installedFiles writes: 128 domains (codes
// 0x80 to 0xff) of perDomain ids.
const (
	perSubdomain = 100
	perDomain    = 250 * perSubdomain
	maxInstalled = 128 * perDomain
)

// installedClasses are the classes of the installed ids, in turn, and
// the typed constructor raising each.
var installedClasses = [][2]string{
	{"BadRequestError", "BadRequest"}, {"NotFoundError", "NotFound"}, {"ForbiddenError", "Forbidden"},
	{"PreconditionError", "Precondition"}, {"InternalError", "Internal"}, {"UnauthorizedError", "Unauthorized"},
	{"ServiceUnavailableError", "ServiceUnavailable"}, {"SizeLimitError", "SizeLimit"},
	{"TooManyRequestsError", "TooManyRequests"}, {"GatewayTimeoutError", "GatewayTimeout"},
	{"ExternalServiceError", "ExternalService"},
}

// installedID returns the id, class and typed constructor of installed id j:
// domain instD (code 0x80+D), subdomain sNNN (code NNN+1), error eNNN
// (code NNN+1).
func installedID(j int) (id, class, constructor string) {
	d, s, e := j/perDomain, j%perDomain/perSubdomain, j%perSubdomain
	c := installedClasses[j%len(installedClasses)]
	return fmt.Sprintf("inst%d.s%03d.e%03d", d, s, e), c[0], c[1]
}

// installedFiles are package codes: codes.go, installing the embedded
// directory codes/errors in an init function, and its domain files (Kuzzle
// 2's format, one per domain), n ids in all.
func installedFiles(n int) map[string]string {
	files := map[string]string{"codes/codes.go": fmt.Sprintf(`// Package codes carries %d error codes and installs them.
package codes

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed errors
var files embed.FS

// Count is the number of ids installed.
const Count = %d

func init() {
	if err := kerror.InstallFS(files, "errors"); err != nil {
		panic(err)
	}
}
`, n, n)}
	type errorJSON struct {
		Description string `json:"description"`
		Code        int    `json:"code"`
		Message     string `json:"message"`
		Class       string `json:"class"`
	}
	type subdomainJSON struct {
		Code   int                  `json:"code"`
		Errors map[string]errorJSON `json:"errors"`
	}
	type domainJSON struct {
		Code       int                      `json:"code"`
		SubDomains map[string]subdomainJSON `json:"subDomains"`
	}
	domains := map[int]*domainJSON{}
	for j := 0; j < n; j++ {
		d, s, e := j/perDomain, j%perDomain/perSubdomain, j%perSubdomain
		id, class, _ := installedID(j)
		dom := domains[d]
		if dom == nil {
			dom = &domainJSON{Code: 0x80 + d, SubDomains: map[string]subdomainJSON{}}
			domains[d] = dom
		}
		sub := fmt.Sprintf("s%03d", s)
		if _, ok := dom.SubDomains[sub]; !ok {
			dom.SubDomains[sub] = subdomainJSON{Code: s + 1, Errors: map[string]errorJSON{}}
		}
		dom.SubDomains[sub].Errors[fmt.Sprintf("e%03d", e)] = errorJSON{"Generated error " + id, e + 1, "Operation %s failed.", class}
	}
	for d, dom := range domains {
		data, err := json.MarshalIndent(dom, "", "  ")
		if err != nil {
			panic(err) // plain structs of strings and integers
		}
		files[fmt.Sprintf("codes/errors/%d-inst%d.json", 0x80+d, d)] = string(data) + "\n"
	}
	return files
}

// chainSource is package k of an installed corpus's chain: it imports the
// package below (codes for the first) and raises one installed id, with
// its class's typed constructor.
func chainSource(k, n int) string {
	var b bytes.Buffer
	name := fmt.Sprintf("p%05d", k)
	fmt.Fprintf(&b, "// Package %s is generated benchmark code raising an installed id.\npackage %s\n\nimport (\n\t\"github.com/kerrlint/kerrlint/kerror\"\n\n", name, name)
	if k == 0 {
		b.WriteString("\t\"bench.example/corpus/codes\"\n)\n\n")
	} else {
		fmt.Fprintf(&b, "\tbelow \"bench.example/corpus/p%05d\"\n)\n\n", k-1)
	}
	// Ids spread over the registry: 7919 is prime, so consecutive packages
	// raise distant ids.
	id, _, constructor := installedID(k * 7919 % n)
	fmt.Fprintf(&b, "// Op fails with an installed error when n is 0, else asks the package below.\nfunc Op(s string, n int) error {\n\tif n > 0 {\n")
	if k == 0 {
		b.WriteString("\t\tif n > codes.Count {\n\t\t\treturn nil\n\t\t}\n")
	} else {
		b.WriteString("\t\treturn below.Op(s, n-1)\n")
	}
	fmt.Fprintf(&b, "\t}\n\treturn kerror.%s(%q, s)\n}\n", constructor, id)
	return b.String()
}
