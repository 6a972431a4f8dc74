package config

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// DefaultDecisionsDir is MADR's folder for decision records, used when nothing names another.
const DefaultDecisionsDir = "docs/decisions"

// adrDirFile is adr-tools' marker: one line holding the folder of the records, relative to the
// file. Honouring it lets sfpattern write where a team's `adr new` already does.
const adrDirFile = ".adr-dir"

// maxAdrDir bounds .adr-dir, which holds one path: no path is longer than Linux's PATH_MAX.
const maxAdrDir = 4096

// decisionsDir is the decisions folder: the one a source gave, else the project root's
// .adr-dir, else an existing docs/decisions, else an existing docs/adr (adr-tools and log4brains
// use it), else docs/decisions. It says which convention found the folder; a folder given comes
// with the origin its source recorded, so that one is zero.
func (p project) decisionsDir(given *string) (string, Origin, error) {
	if given != nil {
		return *given, Origin{}, nil
	}
	marker := filepath.Join(p.root, adrDirFile)
	name := p.display(marker)
	data, found, err := readRegular(marker, name, maxAdrDir)
	if err != nil {
		return "", Origin{}, err
	}
	if found {
		dir, err := parseAdrDir(name, data)
		if err != nil {
			return "", Origin{}, err
		}
		return p.display(inFolder(p.root, dir)), Origin{Kind: KindConvention, Name: name}, nil
	}
	for _, dir := range []string{DefaultDecisionsDir, "docs/adr"} {
		if info, err := os.Stat(filepath.Join(p.root, dir)); err == nil && info.IsDir() {
			found := p.display(filepath.Join(p.root, dir))
			return found, Origin{Kind: KindConvention, Name: "an existing " + found}, nil
		}
	}
	return p.display(filepath.Join(p.root, DefaultDecisionsDir)), Origin{Kind: KindDefault}, nil
}

// parseAdrDir reads the folder out of .adr-dir: one line, as `adr init` writes it (a final line
// break and surrounding spaces are fine; a second line is not, since it would be part of no
// path anyone meant).
func parseAdrDir(name string, data []byte) (string, error) {
	fail := func(line int, msg string) (string, error) {
		return "", rules.Problems{{File: name, Line: line, Msg: msg}}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // the mark a Windows editor may put first
	lines := bytes.Split(bytes.TrimRight(data, "\r\n"), []byte("\n"))
	dir := string(bytes.TrimSpace(lines[0]))
	switch {
	case len(lines) > 1:
		return fail(2, "holds more than one line; expected only the folder of the decision records, as adr-tools writes it")
	case dir == "":
		return fail(1, "is empty; expected the folder of the decision records, such as doc/adr")
	case safetext.Check(dir) != "":
		return fail(1, clip(dir)+" contains "+safetext.Check(dir)+"; expected a plain folder path")
	}
	return dir, nil
}
