package kerror

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Node's util.inspect (v20), with the options util.format passes: how
// objects, arrays and left-over arguments appear in a message.

// inspectOptions are the util.inspect options util.format passes.
type inspectOptions struct {
	depth      int
	showHidden bool
}

// inspectContext is util.inspect's ctx, for the options util.format uses
// (no colors, compact 3, breakLength 80).
type inspectContext struct {
	inspectOptions
	indentationLvl int
	currentDepth   int
	seen           []*jsObj       // the objects being formatted, as Node's ctx.seen
	circular       map[*jsObj]int // the targets of [Circular *n], as Node's ctx.circular
	budget         *int           // bytes the message may still take (maxMessage)
}

const (
	breakLength     = 80
	compact         = 3
	maxArrayLength  = 100
	maxStringLength = 10000
	minLineWidth    = 16
)

// inspect is util.inspect(v, opts). Shared substructure is formatted each
// time it is met, as Node does, until the message's budget is spent: then
// every array or object ends with "..." and nothing more is formatted.
func inspect(v jsValue, opts inspectOptions, budget *int) string {
	ctx := &inspectContext{inspectOptions: opts, circular: map[*jsObj]int{}, budget: budget}
	return ctx.formatValue(v, 0)
}

func (ctx *inspectContext) formatValue(v jsValue, recurseTimes int) string {
	s, leaf := ctx.formatLeaf(v, recurseTimes)
	if leaf {
		*ctx.budget -= len(s)
		return s
	}
	return s
}

// formatLeaf formats v, reporting whether it was a leaf (nothing formatted
// below it).
func (ctx *inspectContext) formatLeaf(v jsValue, recurseTimes int) (string, bool) {
	switch v.kind {
	case jsNull, jsBool:
		return v.String(), true
	case jsNumber:
		return formatNumber(v), true
	case jsString:
		return ctx.formatString(v.str), true
	case jsDate:
		return v.String(), true
	}
	o := v.obj
	if slices.Contains(ctx.seen, o) {
		index, ok := ctx.circular[o]
		if !ok {
			index = len(ctx.circular) + 1
			ctx.circular[o] = index
		}
		return "[Circular *" + strconv.Itoa(index) + "]", true
	}
	var output []string
	braces := [2]string{"{", "}"}
	isArray := v.kind == jsArray
	if isArray {
		braces[0] = "["
		braces[1] = "]"
		if len(o.elems) == 0 && !ctx.showHidden {
			return "[]", true
		}
	} else if len(o.keys) == 0 {
		return "{}", true
	}
	if recurseTimes > ctx.depth {
		if isArray {
			return "[Array]", true
		}
		return "[Object]", true
	}
	recurseTimes++
	ctx.seen = append(ctx.seen, o)
	ctx.currentDepth = recurseTimes
	spent := false
	if isArray {
		n := min(len(o.elems), maxArrayLength)
		for _, e := range o.elems[:n] {
			if spent = *ctx.budget <= 0; spent {
				break
			}
			*ctx.budget -= ctx.indentationLvl + 4 // the entry's separator and indentation
			output = append(output, ctx.formatChild(e, recurseTimes))
		}
		if rest := len(o.elems) - n; rest > 0 && !spent {
			output = append(output, "... "+strconv.Itoa(rest)+" more item"+plural(rest))
		}
		if ctx.showHidden && !spent {
			output = append(output, "[length]: "+strconv.Itoa(len(o.elems)))
		}
	} else {
		for i, k := range o.keys {
			if spent = *ctx.budget <= 0; spent {
				break
			}
			name := propertyName(k)
			*ctx.budget -= len(name) + ctx.indentationLvl + 6
			output = append(output, name+": "+ctx.formatChild(o.vals[i], recurseTimes))
		}
	}
	if spent {
		output = append(output, "...")
	}
	base := ""
	if index, ok := ctx.circular[o]; ok {
		base = "<ref *" + strconv.Itoa(index) + ">"
	}
	ctx.seen = ctx.seen[:len(ctx.seen)-1]
	return ctx.reduceToSingleString(output, base, braces, isArray, recurseTimes, v), false
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

func (ctx *inspectContext) formatChild(v jsValue, recurseTimes int) string {
	ctx.indentationLvl += 2
	s := ctx.formatValue(v, recurseTimes)
	ctx.indentationLvl -= 2
	return s
}

// propertyName is how inspect writes an object key.
func propertyName(k string) string {
	switch {
	case k == "__proto__":
		return "['__proto__']"
	case isIdentifier(k):
		return k
	}
	return strEscape(k)
}

func (ctx *inspectContext) formatString(s string) string {
	trailer := ""
	if n := utf16Len(s); n > maxStringLength {
		s = utf16Prefix(s, maxStringLength)
		trailer = "... " + strconv.Itoa(n-maxStringLength) + " more character" + plural(n-maxStringLength)
	}
	if n := utf16Len(s); n > minLineWidth && n > breakLength-ctx.indentationLvl-4 {
		var lines []string
		for s != "" {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				lines = append(lines, strEscape(s))
				break
			}
			lines = append(lines, strEscape(s[:i+1]))
			s = s[i+1:]
		}
		return strings.Join(lines, " +\n"+strings.Repeat(" ", ctx.indentationLvl+2)) + trailer
	}
	return strEscape(s) + trailer
}

// utf16Prefix is the longest prefix of s of at most n UTF-16 code units.
func utf16Prefix(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

// strEscape quotes a string as inspect does: single quotes, or double quotes
// or backquotes when that avoids escaping a single quote.
func strEscape(s string) string {
	quote := byte('\'')
	if strings.Contains(s, "'") {
		if !strings.Contains(s, `"`) {
			quote = '"'
		} else if !strings.Contains(s, "`") && !strings.Contains(s, "${") {
			quote = '`'
		}
	}
	var b strings.Builder
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == '\'' && quote == '\'':
			b.WriteString(`\'`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			b.WriteString(`\x`)
			b.WriteString(strings.ToUpper(hex2(byte(r))))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func (ctx *inspectContext) reduceToSingleString(output []string, base string, braces [2]string, isArray bool, recurseTimes int, v jsValue) string {
	if base != "" {
		base += " "
	}
	entries := len(output)
	if isArray && entries > 6 {
		output = ctx.groupArrayElements(output, v)
	}
	if ctx.currentDepth-recurseTimes < compact && entries == len(output) {
		start := len(output) + ctx.indentationLvl + len(braces[0]) + max(len(base)-1, 0) + 10
		if isBelowBreakLength(output, start) {
			joined := strings.Join(output, ", ")
			if !strings.Contains(joined, "\n") {
				return base + braces[0] + " " + joined + " " + braces[1]
			}
		}
	}
	indentation := "\n" + strings.Repeat(" ", ctx.indentationLvl)
	return base + braces[0] + indentation + "  " + strings.Join(output, ","+indentation+"  ") + indentation + braces[1]
}

func isBelowBreakLength(output []string, start int) bool {
	total := len(output) + start
	if total+len(output) > breakLength {
		return false
	}
	for _, s := range output {
		total += utf16Len(s)
		if total > breakLength {
			return false
		}
	}
	return true
}

// groupArrayElements lines up the entries of a long array in columns, as
// util.inspect does.
func (ctx *inspectContext) groupArrayElements(output []string, v jsValue) []string {
	totalLength, maxLength := 0, 0
	outputLength := len(output)
	if maxArrayLength < len(output) {
		outputLength-- // the last entry ("... more items") stays apart
	}
	const separatorSpace = 2
	dataLen := make([]int, outputLength)
	for i := 0; i < outputLength; i++ {
		l := utf16Len(output[i])
		dataLen[i] = l
		totalLength += l + separatorSpace
		maxLength = max(maxLength, l)
	}
	actualMax := maxLength + separatorSpace
	if actualMax*3+ctx.indentationLvl < breakLength &&
		(float64(totalLength)/float64(actualMax) > 5 || maxLength <= 6) {
		const approxCharHeights = 2.5
		averageBias := math.Sqrt(float64(actualMax) - float64(totalLength)/float64(len(output)))
		biasedMax := math.Max(float64(actualMax)-3-averageBias, 1)
		columns := min(
			int(math.Floor(math.Sqrt(approxCharHeights*biasedMax*float64(outputLength))/biasedMax+0.5)),
			(breakLength-ctx.indentationLvl)/actualMax,
			compact*4,
			15,
		)
		if columns <= 1 {
			return output
		}
		var maxLineLength []int
		for i := 0; i < columns; i++ {
			lineLength := 0
			for j := i; j < len(output); j += columns {
				if j < outputLength && dataLen[j] > lineLength {
					lineLength = dataLen[j]
				}
			}
			maxLineLength = append(maxLineLength, lineLength+separatorSpace)
		}
		padStart := true
		for i := 0; i < len(output); i++ {
			if i >= len(v.elems()) || v.elems()[i].kind != jsNumber {
				padStart = false
				break
			}
		}
		var tmp []string
		for i := 0; i < outputLength; i += columns {
			maxJ := min(i+columns, outputLength)
			var str strings.Builder
			j := i
			for ; j < maxJ-1; j++ {
				str.WriteString(pad(output[j]+", ", maxLineLength[j-i], padStart))
			}
			if padStart {
				str.WriteString(pad(output[j], maxLineLength[j-i]-separatorSpace, true))
			} else {
				str.WriteString(output[j])
			}
			tmp = append(tmp, str.String())
		}
		if outputLength < len(output) {
			tmp = append(tmp, output[outputLength:]...)
		}
		output = tmp
	}
	return output
}

func pad(s string, width int, start bool) string {
	n := width - utf16Len(s)
	if n <= 0 {
		return s
	}
	if start {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}
