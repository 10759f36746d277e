package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// The SARIF 2.1.0 JSON schema, as Microsoft's jest-sarif package ships it
// (the final 2.1.0 schema, rtm.5), and the JSON schema validator it uses.
const (
	sarifSchemaPackage = "@microsoft/jest-sarif@1.0.0-beta.0"
	sarifSchemaFile    = "package/lib/schemas/sarif-2.1.0-rtm.5.json"
	ajvPackage         = "ajv@6.12.6"
)

// validateScript validates the SARIF log named by its argument against the
// schema, printing the errors and exiting 1 when it is invalid.
const validateScript = `const fs = require('fs');
const Ajv = require('ajv');
const ajv = new Ajv({allErrors: true, schemaId: 'auto'});
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json')); // the SARIF schema's
const validate = ajv.compile(JSON.parse(fs.readFileSync('` + sarifSchemaFile + `', 'utf8')));
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (!validate(log)) { console.error(JSON.stringify(validate.errors, null, 1)); process.exit(1); }
`

// sarifValidator installs the schema and ajv, once per machine, and
// returns their directory.
func sarifValidator(t *testing.T) string {
	t.Helper()
	e2etest.Require(t, "node")
	e2etest.Require(t, "npm")
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(cache, "kerrlint", "sarif-jest-sarif-1.0.0-beta.0-ajv-6.12.6")
	if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
		return dir
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "sarif-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	for _, args := range [][]string{
		{"npm", "pack", "--silent", sarifSchemaPackage},
		{"sh", "-c", "tar -xzf *.tgz " + sarifSchemaFile},
		{"npm", "install", "--silent", "--no-audit", "--no-fund", "--no-package-lock", ajvPackage},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = tmp
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "ready"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSARIFSchema validates kerrlint -f sarif on the example module (with
// related locations and fixes) against the SARIF 2.1.0 JSON schema; a log
// without its version must fail, so that the validation is known to run.
func TestSARIFSchema(t *testing.T) {
	validator := sarifValidator(t)
	if err := os.WriteFile(filepath.Join(validator, "validate.js"), []byte(validateScript), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := e2etest.Installing(t)
	e2etest.WriteBillingCodes(t, dir, 1) // a duplicate: a diagnostic with a related position
	logs := t.TempDir()
	for _, tc := range []struct{ dir, name string }{{e2etest.Example(t), "example"}, {dir, "installing"}} {
		r := e2etest.Run(t, tc.dir, nil, kerrlint, "-f", "sarif", "./...")
		if r.Code != 0 || !strings.Contains(r.Stdout, `"ruleId"`) {
			t.Fatalf("%s: -f sarif: exit %d\n%s%s", tc.name, r.Code, r.Stdout, r.Stderr)
		}
		name := filepath.Join(logs, tc.name+".sarif")
		if err := os.WriteFile(name, []byte(r.Stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := e2etest.Run(t, validator, nil, "node", "validate.js", name); r.Code != 0 {
			t.Errorf("%s: the SARIF log is not valid SARIF 2.1.0:\n%s\n%s", tc.name, r.Stderr, name)
		}
		broken := filepath.Join(logs, tc.name+"-broken.sarif")
		os.WriteFile(broken, []byte(strings.Replace(r.Stdout, `"version": "2.1.0",`, "", 1)), 0o644)
		if r := e2etest.Run(t, validator, nil, "node", "validate.js", broken); r.Code == 0 {
			t.Errorf("%s: a log without its version passed the validation", tc.name)
		}
	}
}
