package kerror

import (
	"math"
	"strings"
)

// Node's util.format, for the JavaScript values of jsvalue.go: what Kuzzle
// makes of a message format and its placeholders (inspect.go prints objects
// and the arguments left over, stringify.go writes %j).

// utilFormat is Node's util.format(format, ...args).
func utilFormat(format string, args []jsValue) string {
	if len(args) == 0 {
		return format
	}
	var b strings.Builder
	budget := maxMessage // for inspect, across the arguments
	a := 0               // args consumed
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
				s = inspect(arg, inspectOptions{depth: 0}, &budget)
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
			s = inspect(args[a], inspectOptions{depth: 2}, &budget)
			a++
		case 'o':
			s = inspect(args[a], inspectOptions{depth: 4, showHidden: true}, &budget)
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
			b.WriteString(inspect(v, inspectOptions{depth: 2}, &budget))
		}
	}
	return b.String()
}
