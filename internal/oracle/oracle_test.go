package oracle

import (
	"testing"
)

func TestOracleFixedSeed(t *testing.T) {
	env, err := NewEnv("../..", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Packages: 3, Sites: 40, MutationRate: 0.5, Skip: knownDisagreements}
	progs := Generate(1, 10, cfg)
	st := newStats()
	dis, err := env.Check(progs, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(st.Report())
	for _, d := range dis {
		t.Errorf("%s", d)
	}
}

var knownDisagreements = map[string]string{}
