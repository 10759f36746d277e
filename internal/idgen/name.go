package idgen

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kerrlint/kerrlint/registry"
)

// Name returns the exported Go identifier of the constant for id. It
// depends on the id alone (a constant keeps its name whatever else the
// registry holds), and Parse inverts it, so that two ids never share a name.
// The rule, by the shape of the id domain.subdomain.name:
//
//   - Plain ids: every part is words of lowercase ASCII letters and digits,
//     each starting with a letter, joined by single underscores — or, for
//     the subdomain of domain plugin (a plugin's name), by single hyphens.
//     Each word is capitalised and the parts are concatenated when the
//     domain and the subdomain are one word each
//     (services.storage.not_found → ServicesStorageNotFound), and joined by
//     underscores otherwise, so that the parts can be told apart
//     (plugin.kuzzle-plugin-auth.invalid_username →
//     Plugin_KuzzlePluginAuth_InvalidUsername).
//   - Every other id (upper case, leading digits, other separators,
//     non-ASCII): X_ then the id with ASCII and Unicode letters and digits
//     kept, each dot written __ and every other character _hex_, its code
//     point in lowercase hexadecimal (_xhh_ for a byte that is not UTF-8):
//     plugin.my-plugin.invalidName → X_plugin__my_2d_plugin__invalidName.
//
// The three forms cannot meet: a concatenated name has no underscore, a
// joined one has two and never two in a row, an escaped one always has __.
// An id that is not three non-empty parts (never in a registry) is escaped
// whole.
func Name(id string) string {
	d, s, n, ok := registry.ParseID(id)
	if ok {
		dw, ok1 := plainWords(d, '_')
		sw, ok2 := plainWords(s, subSep(d))
		nw, ok3 := plainWords(n, '_')
		if ok1 && ok2 && ok3 {
			if len(dw) == 1 && len(sw) == 1 {
				return camel(dw) + camel(sw) + camel(nw)
			}
			return camel(dw) + "_" + camel(sw) + "_" + camel(nw)
		}
	}
	return escapedPrefix + escape(id)
}

const escapedPrefix = "X_"

// subSep is the word separator of a plain subdomain of domain: plugin
// names are kebab-case, Kuzzle's own names snake_case.
func subSep(domain string) byte {
	if domain == "plugin" {
		return '-'
	}
	return '_'
}

// plainWords splits a part into its words when it is plain: words of [a-z0-9]
// starting with [a-z], joined by single seps.
func plainWords(part string, sep byte) ([]string, bool) {
	words := strings.Split(part, string(sep))
	for _, w := range words {
		if w == "" || w[0] < 'a' || w[0] > 'z' {
			return nil, false
		}
		for i := 1; i < len(w); i++ {
			if c := w[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
				return nil, false
			}
		}
	}
	return words, true
}

func camel(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteByte(w[0] - 'a' + 'A')
		b.WriteString(w[1:])
	}
	return b.String()
}

// escape writes id with letters and digits kept, dots as __ and anything
// else as _hex_ (a code point) or _xhh_ (a byte that is not UTF-8).
func escape(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); {
		r, size := utf8.DecodeRuneInString(id[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "_x%02x_", id[i])
		case r == '.':
			b.WriteString("__")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteString(id[i : i+size])
		default:
			fmt.Fprintf(&b, "_%x_", r)
		}
		i += size
	}
	return b.String()
}

// Parse returns the id whose constant Name calls name, and false when Name
// gives no id that name.
func Parse(name string) (string, bool) {
	for _, decode := range []func(string) (string, bool){parseEscaped, parseJoined, parseConcatenated} {
		if id, ok := decode(name); ok && Name(id) == name {
			return id, true
		}
	}
	return "", false
}

func parseEscaped(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, escapedPrefix)
	if !ok {
		return "", false
	}
	return unescape(rest)
}

func parseJoined(name string) (string, bool) {
	parts := strings.Split(name, "_")
	if len(parts) != 3 {
		return "", false
	}
	var out [3]string
	for i, p := range parts {
		words, ok := camelWords(p)
		if !ok {
			return "", false
		}
		sep := "_"
		if i == 1 {
			sep = string(subSep(out[0]))
		}
		out[i] = strings.Join(words, sep)
	}
	return out[0] + "." + out[1] + "." + out[2], true
}

func parseConcatenated(name string) (string, bool) {
	words, ok := camelWords(name)
	if !ok || len(words) < 3 {
		return "", false
	}
	return words[0] + "." + words[1] + "." + strings.Join(words[2:], "_"), true
}

// camelWords splits a camel-case fragment ([A-Z][a-z0-9]*)+ into lowercase words.
func camelWords(s string) ([]string, bool) {
	var words []string
	for i := 0; i < len(s); {
		if s[i] < 'A' || s[i] > 'Z' {
			return nil, false
		}
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		words = append(words, string(s[i]-'A'+'a')+s[i+1:j])
		i = j
	}
	return words, len(words) > 0
}

// unescape inverts escape.
func unescape(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '_' {
			b.WriteByte(s[i])
			i++
			continue
		}
		end := strings.IndexByte(s[i+1:], '_')
		if end < 0 {
			return "", false
		}
		tok := s[i+1 : i+1+end]
		i += end + 2
		switch {
		case tok == "":
			b.WriteByte('.')
		case tok[0] == 'x':
			v, err := strconv.ParseUint(tok[1:], 16, 8)
			if err != nil {
				return "", false
			}
			b.WriteByte(byte(v))
		default:
			v, err := strconv.ParseUint(tok, 16, 32)
			if err != nil || v > unicode.MaxRune {
				return "", false
			}
			b.WriteRune(rune(v))
		}
	}
	return b.String(), true
}
