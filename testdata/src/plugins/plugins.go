package plugins // want package:"raises errors"

// The story: two plugin manifests loaded with the default subdomain code
// 0, which plugins share (their codes interleave): each plugin's ids and
// subdomain are known by name, and suggestions name the right plugin.

import "github.com/kerrlint/kerrlint/kerror"

var beta = kerror.Wrap("plugin", "beta") // want beta:"scope plugin.beta"

func raise(owner string) {
	_ = beta.Get("quota_exceeded", owner)
	_ = beta.Get("upstream_down")
	_ = kerror.New("plugin.alpha.token_expired", owner)
	_ = kerror.New("plugin.beta.quota_exceded", owner) // want `unknown error id "plugin.beta.quota_exceded"; did you mean "plugin.beta.quota_exceeded"\?`
	_ = beta.Get("upstream_dwn")                       // want `unknown error id "plugin.beta.upstream_dwn"; did you mean "plugin.beta.upstream_down"\?`
	_ = kerror.Wrap("plugin", "betta")                 // want `unknown error subdomain "plugin.betta"; did you mean "plugin.beta"\?`
}
