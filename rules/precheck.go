package rules

// PrecheckYAML runs the guards ParseYAMLLimit runs before any parser sees data (size, raw control
// characters, emptiness, nesting, a second document, JSON validity), without parsing. A reader
// that parses a large file in pieces runs it once over the whole text first, so that every piece
// is held to the guards the whole file would be. data must already be UTF-8 (ToUTF8).
func PrecheckYAML(file string, data []byte, maxBytes int) error {
	return precheckLimit(file, data, maxBytes)
}
