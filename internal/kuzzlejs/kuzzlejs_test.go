package kuzzlejs

import (
	"strings"
	"testing"
)

// TestKuzzleInstalled runs Kuzzle's kerror and the SDK from the installed
// packages: the ground every differential suite stands on.
func TestKuzzleInstalled(t *testing.T) {
	dir := Dir(t)
	out := Node(t, dir, `
const kerror = require("`+KerrorModule+`");
const { KuzzleError } = require("`+SDKErrorModule+`");
const e = kerror.get("services", "storage", "not_found", "x");
const back = new KuzzleError(JSON.parse(JSON.stringify(e)));
console.log(JSON.stringify({id: e.id, code: e.code, status: e.status, sdk: back.id}));
`, nil)
	want := `{"id":"services.storage.not_found","code":16842763,"status":404,"sdk":"services.storage.not_found"}`
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// TestKuzzleReleases installs every release of Releases and requires its
// codes module and manifest class: the ground of the suites across releases.
func TestKuzzleReleases(t *testing.T) {
	for _, r := range Releases {
		dir := ReleaseDir(t, r)
		codes, manifest, _ := ReleaseModules(dir, r)
		out := Node(t, dir, LoadCodesJS+`
const codes = loadCodes(`+"`"+codes+"`"+`, "subdomains");
require(`+"`"+manifest+"`"+`);
console.log(Object.keys(codes.domains).includes("core") && typeof codes.checkDomains);
`, nil)
		if got := strings.TrimSpace(string(out)); got != "function" {
			t.Errorf("Kuzzle %s: %s", r.Version, got)
		}
	}
}
