package portfolio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// WriteJSON writes the result as json.Encoder does (compact, HTML characters as they are, a
// final line feed), byte for byte, with the integrations encoded one at a time: the text of
// 20,000 integrations is never held whole, so memory stays that of the result.
func WriteJSON(w io.Writer, res *Result) error {
	rest := *res
	rest.Integrations = nil
	var head bytes.Buffer
	if err := encodeJSON(&head, &rest); err != nil {
		return err
	}
	// The first occurrence is the field: inside a string a quote is always escaped.
	const key, null = `"integrations":`, "null"
	at := bytes.Index(head.Bytes(), []byte(key+null))
	if at < 0 {
		return errors.New("portfolio: the integrations field is missing from the JSON")
	}
	bw := bufio.NewWriter(w)
	// A bufio.Writer keeps its first error and Flush returns it, so the writes go unchecked.
	put := func(b []byte) { _, _ = bw.Write(b) }
	put(head.Bytes()[:at+len(key)])
	put([]byte("["))
	var one bytes.Buffer
	for i := range res.Integrations {
		one.Reset()
		if err := encodeJSON(&one, &res.Integrations[i]); err != nil {
			return err
		}
		if i > 0 {
			put([]byte(","))
		}
		put(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	}
	put([]byte("]"))
	put(head.Bytes()[at+len(key)+len(null):])
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("portfolio: %w", err)
	}
	return nil
}

func encodeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("portfolio: %w", err)
	}
	return nil
}
