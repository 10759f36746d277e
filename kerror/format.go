package kerror

import (
	"math"
	"strconv"
	"strings"
)

// This file reproduces, for the JavaScript values of jsvalue.go, what Node
// (v20) does to Kuzzle's placeholders: util.format, util.inspect (which
// util.format uses for objects and for arguments left over) and
// JSON.stringify (which serialises props and bodies).

// numberString is Number.prototype.toString: the shortest digits that read
// back as f, in plain notation from 1e-6 to 1e21, exponent notation outside.
func numberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±x
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	mant, exp, _ := strings.Cut(s, "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(exp)
	k, n := len(digits), e+1
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	out := sign + digits[:1]
	if k > 1 {
		out += "." + digits[1:]
	}
	if n-1 >= 0 {
		return out + "e+" + strconv.Itoa(n-1)
	}
	return out + "e-" + strconv.Itoa(1-n)
}

// String is JavaScript's String(v) for primitives.
func (v jsValue) String() string {
	switch v.kind {
	case jsNull:
		return "null"
	case jsBool:
		return strconv.FormatBool(v.b)
	case jsNumber:
		if v.exact != "" {
			return v.exact
		}
		return numberString(v.num)
	case jsString:
		return v.str
	case jsDate:
		if v.str == "" {
			return "Invalid Date"
		}
		return v.str
	case jsArray:
		parts := make([]string, len(v.elems))
		for i, e := range v.elems {
			if e.kind != jsNull {
				parts[i] = e.String()
			}
		}
		return strings.Join(parts, ",")
	}
	return "[object Object]"
}

// formatNumber is util's formatNumber: String(n), but -0 is "-0".
func formatNumber(v jsValue) string {
	if v.exact == "" && v.num == 0 && math.Signbit(v.num) {
		return "-0"
	}
	return v.String()
}

// utilFormat is Node's util.format(format, ...args).
func utilFormat(format string, args []jsValue) string {
	if len(args) == 0 {
		return format
	}
	var b strings.Builder
	a := 0 // args consumed
	lastPos := 0
	for i := 0; i < len(format)-1; i++ {
		if format[i] != '%' {
			continue
		}
		i++
		next := format[i]
		if a == len(args) {
			if next == '%' {
				b.WriteString(format[lastPos : i-1])
				b.WriteByte('%')
				lastPos = i + 1
			}
			continue
		}
		var s string
		switch next {
		case 's':
			arg := args[a]
			a++
			switch arg.kind {
			case jsNumber:
				s = formatNumber(arg)
			case jsArray, jsObject, jsDate:
				s = inspect(arg, inspectOptions{depth: 0})
			default:
				s = arg.String()
			}
		case 'j':
			s = jsonString(args[a])
			a++
		case 'd':
			s = formatNumber(jsValue{kind: jsNumber, num: toNumber(args[a]), exact: args[a].exactIfNumber()})
			a++
		case 'i':
			s = formatNumber(jsValue{kind: jsNumber, num: parseInt(args[a])})
			a++
		case 'f':
			f := math.NaN() // String(date) starts with the day of the week
			if args[a].kind != jsDate {
				f = parseFloat(args[a].String())
			}
			s = formatNumber(jsValue{kind: jsNumber, num: f})
			a++
		case 'O':
			s = inspect(args[a], inspectOptions{depth: 2})
			a++
		case 'o':
			s = inspect(args[a], inspectOptions{depth: 4, showHidden: true})
			a++
		case 'c':
			a++
		case '%':
			b.WriteString(format[lastPos:i])
			lastPos = i + 1
			continue
		default:
			continue
		}
		b.WriteString(format[lastPos : i-1])
		b.WriteString(s)
		lastPos = i + 1
	}
	join := ""
	if lastPos != 0 {
		join = " "
		b.WriteString(format[lastPos:])
	} else {
		// No placeholder matched: the format itself is the first argument
		// written, and every argument follows it.
		b.WriteString(format)
		join = " "
	}
	for _, v := range args[a:] {
		b.WriteString(join)
		if v.kind == jsString {
			b.WriteString(v.str)
		} else {
			b.WriteString(inspect(v, inspectOptions{depth: 2}))
		}
	}
	return b.String()
}

func (v jsValue) exactIfNumber() string {
	if v.kind == jsNumber {
		return v.exact
	}
	return ""
}

// toNumber is JavaScript's Number(v).
func toNumber(v jsValue) float64 {
	switch v.kind {
	case jsNull:
		return 0
	case jsBool:
		if v.b {
			return 1
		}
		return 0
	case jsNumber, jsDate:
		return v.num
	case jsString, jsArray:
		s := strings.Trim(v.String(), " \t\n\r\v\f\u00a0\ufeff\u2028\u2029")
		switch s {
		case "":
			return 0
		case "Infinity", "+Infinity":
			return math.Inf(1)
		case "-Infinity":
			return math.Inf(-1)
		}
		if len(s) > 2 && s[0] == '0' && strings.ContainsRune("xXoObB", rune(s[1])) {
			if n, err := strconv.ParseUint(s[2:], map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[s[1]], 64); err == nil {
				return float64(n)
			}
			return math.NaN()
		}
		// What strconv reads and JavaScript does not: digit separators,
		// hexadecimal floats, "inf", "nan" (and "Infinity" is handled above).
		if strings.ContainsAny(s, "xX_pPiInN") {
			return math.NaN()
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil || isRangeErr(err) {
			return f
		}
	}
	return math.NaN()
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseFloat is JavaScript's parseFloat of a string: the longest decimal
// prefix after white space.
func parseFloat(s string) float64 {
	s = strings.TrimLeft(s, " \t\n\r\v\f\u00a0\ufeff\u2028\u2029")
	sign := 1.0
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		if body[0] == '-' {
			sign = -1
		}
		body = body[1:]
	}
	if strings.HasPrefix(body, "Infinity") {
		return sign * math.Inf(1)
	}
	i := 0
	digits := 0
	for i < len(body) && body[i] >= '0' && body[i] <= '9' {
		i++
		digits++
	}
	if i < len(body) && body[i] == '.' {
		i++
		for i < len(body) && body[i] >= '0' && body[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return math.NaN()
	}
	if i < len(body) && (body[i] == 'e' || body[i] == 'E') {
		j := i + 1
		if j < len(body) && (body[j] == '+' || body[j] == '-') {
			j++
		}
		k := j
		for k < len(body) && body[k] >= '0' && body[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	f, _ := strconv.ParseFloat(body[:i], 64)
	return sign * f
}

// parseInt is util.format's %i: parseInt(String(v)) in base 10.
func parseInt(v jsValue) float64 {
	if v.kind == jsDate {
		return math.NaN() // String(date) starts with the day of the week
	}
	s := strings.TrimLeft(v.String(), " \t\n\r\v\f\u00a0\ufeff\u2028\u2029")
	sign := 1.0
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return math.NaN()
	}
	f, _ := strconv.ParseFloat(s[:i], 64)
	return sign * f
}

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
}

const (
	breakLength     = 80
	compact         = 3
	maxArrayLength  = 100
	maxStringLength = 10000
	minLineWidth    = 16
)

func inspect(v jsValue, opts inspectOptions) string {
	ctx := &inspectContext{inspectOptions: opts}
	return ctx.formatValue(v, 0)
}

func (ctx *inspectContext) formatValue(v jsValue, recurseTimes int) string {
	switch v.kind {
	case jsNull, jsBool:
		return v.String()
	case jsNumber:
		return formatNumber(v)
	case jsString:
		return ctx.formatString(v.str)
	case jsDate:
		return v.String()
	}
	var output []string
	braces := [2]string{"{", "}"}
	isArray := v.kind == jsArray
	if isArray {
		braces[0] = "["
		braces[1] = "]"
		if len(v.elems) == 0 && !ctx.showHidden {
			return "[]"
		}
	} else if len(v.keys) == 0 {
		return "{}"
	}
	if recurseTimes > ctx.depth {
		if isArray {
			return "[Array]"
		}
		return "[Object]"
	}
	recurseTimes++
	ctx.currentDepth = recurseTimes
	if isArray {
		n := min(len(v.elems), maxArrayLength)
		for _, e := range v.elems[:n] {
			output = append(output, ctx.formatChild(e, recurseTimes))
		}
		if rest := len(v.elems) - n; rest > 0 {
			output = append(output, "... "+strconv.Itoa(rest)+" more item"+plural(rest))
		}
		if ctx.showHidden {
			output = append(output, "[length]: "+strconv.Itoa(len(v.elems)))
		}
	} else {
		for i, k := range v.keys {
			output = append(output, propertyName(k)+": "+ctx.formatChild(v.vals[i], recurseTimes))
		}
	}
	return ctx.reduceToSingleString(output, braces, isArray, recurseTimes, v)
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

func (ctx *inspectContext) reduceToSingleString(output []string, braces [2]string, isArray bool, recurseTimes int, v jsValue) string {
	entries := len(output)
	if isArray && entries > 6 {
		output = ctx.groupArrayElements(output, v)
	}
	if ctx.currentDepth-recurseTimes < compact && entries == len(output) {
		start := len(output) + ctx.indentationLvl + len(braces[0]) + 10
		if isBelowBreakLength(output, start) {
			joined := strings.Join(output, ", ")
			if !strings.Contains(joined, "\n") {
				return braces[0] + " " + joined + " " + braces[1]
			}
		}
	}
	indentation := "\n" + strings.Repeat(" ", ctx.indentationLvl)
	return braces[0] + indentation + "  " + strings.Join(output, ","+indentation+"  ") + indentation + braces[1]
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
			if i >= len(v.elems) || v.elems[i].kind != jsNumber {
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

// jsonString is JSON.stringify(v).
func jsonString(v jsValue) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

func writeJSON(b *strings.Builder, v jsValue) {
	if v.json != nil {
		writeJSON(b, *v.json)
		return
	}
	switch v.kind {
	case jsNull:
		b.WriteString("null")
	case jsBool:
		b.WriteString(strconv.FormatBool(v.b))
	case jsNumber:
		switch {
		case v.exact != "":
			b.WriteString(v.exact)
		case math.IsNaN(v.num) || math.IsInf(v.num, 0):
			b.WriteString("null")
		default:
			b.WriteString(numberString(v.num))
		}
	case jsString:
		writeJSONString(b, v.str)
	case jsDate:
		if v.str == "" {
			b.WriteString("null")
		} else {
			writeJSONString(b, v.str)
		}
	case jsArray:
		b.WriteByte('[')
		for i, e := range v.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	case jsObject:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			writeJSON(b, v.vals[i])
		}
		b.WriteByte('}')
	}
}

// writeJSONString quotes s as JSON.stringify does: only quotes, backslashes
// and control characters are escaped.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteString(hex2(byte(r)))
			} else {
				b.WriteRune(r) // an invalid byte is U+FFFD
			}
		}
	}
	b.WriteByte('"')
}
