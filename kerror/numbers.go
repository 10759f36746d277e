package kerror

import (
	"math"
	"strconv"
	"strings"
)

// JavaScript numbers and conversions as Node (v20) applies them to Kuzzle's
// placeholders: Number.prototype.toString, String(v), Number(v), parseInt,
// parseFloat (util.format's %d, %i and %f).

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
	case f == math.Trunc(f) && math.Abs(f) <= maxSafeInteger:
		return strconv.FormatInt(int64(f), 10) // the same digits, faster
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
		var b strings.Builder
		join(&b, v.obj)
		return b.String()
	}
	return "[object Object]"
}

// join is Array.prototype.join(","), as V8 runs it: an array being joined
// that is met again joins as "" (null too), and joining stops after
// maxMessage bytes.
func join(b *strings.Builder, o *jsObj) {
	if o.busy {
		return
	}
	o.busy = true
	defer func() { o.busy = false }()
	for i, e := range o.elems {
		if b.Len() > maxMessage {
			return
		}
		if i > 0 {
			b.WriteByte(',')
		}
		switch e.kind {
		case jsNull:
		case jsArray:
			join(b, e.obj)
		default:
			b.WriteString(e.String())
		}
	}
}

// formatNumber is util's formatNumber: String(n), but -0 is "-0".
func formatNumber(v jsValue) string {
	if v.exact == "" && v.num == 0 && math.Signbit(v.num) {
		return "-0"
	}
	return v.String()
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
