package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// attacks are texts that would act on a terminal if written raw: they clear the screen, retitle
// the window, write to the clipboard (OSC 52), colour through an 8-bit CSI, reverse the reading
// order, hide characters, or are not UTF-8 at all.
var attacks = []struct{ name, text string }{
	{"csi-clear", "\x1b[2J\x1b[H"},
	{"osc-title", "\x1b]0;owned\x07"},
	{"osc-52", "\x1b]52;c;aGVsbG8=\x07"},
	{"c1-csi", "\u009b31m"},
	{"bidi-override", "\u202egnp.exe"},
	{"bidi-isolate", "\u2066x\u2069"},
	{"nul", "a\x00b"},
	{"del", "a\x7fb"},
	{"zero-width", "a\u200bb\ufeff"},
	{"carriage-return", "ok\rfake"},
	{"not-utf8", "a\xffb"},
}

// rawControl returns the first character a terminal would act on, written raw in out, or "".
// It is written here independently of the escaping code it checks.
func rawControl(out string) string {
	for i, r := range out {
		bad := r == utf8.RuneError && !strings.HasPrefix(out[i:], "\uFFFD") ||
			r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
			r >= 0x200b && r <= 0x200f || r == 0x2060 || r == 0xfeff
		if bad {
			return fmt.Sprintf("%U at byte %d in %q", r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	return ""
}

// TestNoInputReachesTheTerminalRaw plants every attack in every reader (answers files, --set,
// field names, enum values, rule files, contracts, portfolios, org-limit snapshots, add-ons,
// records and their file names, paths) and runs every command that reads it: no output stream
// and no file written may carry a raw control character, and nothing may crash.
func TestNoInputReachesTheTerminalRaw(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every command over every attack")
	}
	good, err := os.ReadFile("../../testdata/answers/order-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	contract := contractText(t)
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name, text string) string {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return p
			}
			quoted := strconv.Quote(a.text) // a YAML double-quoted scalar reads Go's escapes
			answersWith := func(old, new string) string {
				return strings.Replace(string(good), old, new, 1)
			}
			named := write("named.yaml", answersWith("name: Order status to fulfilment systems", "name: "+quoted))
			rawNamed := write("raw-named.yaml", answersWith("name: Order status to fulfilment systems", "name: x"+a.text))
			key := write("key.yaml", string(good)+quoted+": blue\n")
			enum := write("enum.yaml", answersWith("direction: outbound", "direction: "+quoted))
			rulesFile := write("rules.yaml", fmt.Sprintf("sources:\n  - {id: X-1, title: %s, url: https://example.com, release: r1}\nrules:\n  - id: r%s\n    when: 'true'\n    because: %s\n    sources: [X-1]\n    effects: {rest_api: 5}\n", quoted, quoted[1:len(quoted)-1], quoted))
			contractFile := write("contract.yaml", strings.Replace(contract, "security:", quoted+": 1\nsecurity:", 1)+"\n# "+a.text+"\n")
			contractValue := write("contract-value.yaml", strings.Replace(contract, "\nmechanism: platform_events", "\nmechanism: "+quoted, 1))
			portfolio := write("portfolio.yaml", "org: {edition: enterprise, licenses: 100}\nintegrations:\n  - "+strings.ReplaceAll(strings.Replace(answersWith("name: Order status to fulfilment systems", "name: "+quoted), "edition: unlimited\nlicenses: 400\n", "", 1), "\n", "\n    ")+"\n")
			orgLimits := write("limits.json", fmt.Sprintf(`{"status":0,"result":[{"name":%s,"max":5,"remaining":5}]}`, jsonQuote(a.text)))
			records := filepath.Join(dir, "decisions")
			hostileRecord := filepath.Join(records, "0009-"+a.text+".md")
			if err := os.MkdirAll(records, 0o755); err != nil {
				t.Fatal(err)
			}
			if data, err := os.ReadFile("../../testdata/decisions/0001-use-platform-events-for-order-status-to-fulfilment-systems.md"); err != nil {
				t.Fatal(err)
			} else if err := os.WriteFile(hostileRecord, data, 0o644); err != nil {
				t.Skipf("the file system refuses the name: %v", err)
			} else if err := os.WriteFile(filepath.Join(records, "0010-named.md"), []byte(strings.Replace(string(data), "name: Order status to fulfilment systems", "name: "+quoted, 1)), 0o644); err != nil {
				t.Fatal(err)
			}

			runs := [][]string{
				{"recommend", "-a", named},
				{"recommend", "-a", named, "-f", "json"},
				{"recommend", "-a", named, "-f", "markdown"},
				{"recommend", "-a", rawNamed},
				{"recommend", "-a", key},
				{"recommend", "-a", enum, "-f", "json"},
				{"recommend", "-a", "../../testdata/answers/order-events.yaml", "--set", "name=" + a.text},
				{"recommend", "-a", "../../testdata/answers/order-events.yaml", "--set", a.text + "=1"},
				{"recommend", "-a", "../../testdata/answers/order-events.yaml", "--rules", rulesFile},
				{"recommend", "-a", "../../testdata/answers/order-events.yaml", "--org-limits", orgLimits},
				{"recommend", "-a", "../../testdata/answers/order-events.yaml", "--addon", a.text + "=5"},
				{"recommend", "-a", filepath.Join(dir, "missing-"+a.text+".yaml")},
				{"record", "-a", named, "-o", filepath.Join(dir, "out")},
				{"record", "-a", "../../testdata/answers/order-events.yaml", "--decision-makers", a.text, "--date", "2026-01-02", "-o", filepath.Join(dir, "out")},
				{"contract", "-a", named},
				{"whatif", "-a", named},
				{"whatif", "-a", "../../testdata/answers/order-events.yaml", "--set", "latency=" + a.text},
				{"lint", contractFile},
				{"lint", contractFile, "-f", "json"},
				{"lint", contractValue},
				{"portfolio", portfolio},
				{"portfolio", portfolio, "-f", "json"},
				{"portfolio", portfolio, "-f", "markdown"},
				{"check", records},
				{"check", records, "-f", "json"},
				{"check", hostileRecord},
			}
			for _, args := range runs {
				code, out, errOut := runCmd(t, "", args...)
				for stream, text := range map[string]string{"stdout": out, "stderr": errOut} {
					if bad := rawControl(text); bad != "" {
						t.Errorf("%s (exit %d): raw %s on %s", strings.Join(args, " "), code, bad, stream)
					}
				}
				if strings.Contains(errOut, "goroutine ") || code > 2 {
					t.Errorf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
				}
			}
			filepath.WalkDir(filepath.Join(dir, "out"), func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return nil
				}
				data, _ := os.ReadFile(p)
				if bad := rawControl(string(data)); bad != "" {
					t.Errorf("%s: raw %s", p, bad)
				}
				if bad := rawControl(filepath.Base(p)); bad != "" {
					t.Errorf("file name %q: raw %s", p, bad)
				}
				return nil
			})
		})
	}
}

// contractText is a complete contract generated from the sample answers.
func contractText(t *testing.T) string {
	t.Helper()
	code, out, errOut := runCmd(t, "", "contract", "-a", "../../testdata/answers/order-events.yaml")
	if code != 0 {
		t.Fatalf("contract: exit %d: %s", code, errOut)
	}
	return out
}

// jsonQuote quotes s as a JSON string.
func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// TestFileNamesCannotForgeLines: a record's file name with a line break in it is printed on one
// line, so it cannot pass for a line of sfpattern's own output.
func TestFileNamesCannotForgeLines(t *testing.T) {
	dir := t.TempDir()
	forged := "0001-x\nsfpattern: every record holds.md"
	if err := os.WriteFile(filepath.Join(dir, forged), []byte("# not a record\n"), 0o644); err != nil {
		t.Skipf("the file system refuses the name: %v", err)
	}
	for _, args := range [][]string{{"check", dir}, {"lint", filepath.Join(dir, forged)}, {"recommend", "-a", filepath.Join(dir, forged)}} {
		_, out, errOut := runCmd(t, "", args...)
		for _, line := range strings.Split(out+errOut, "\n") {
			if strings.HasPrefix(line, "sfpattern: every record holds") {
				t.Errorf("%v: a file name forged the line %q", args, line)
			}
		}
	}
}
