package model

// SearchText is what the text index holds for a record, folded as the
// index folds it, for tests that check the index against a plain search.
func (ds *Dataset) SearchText(r Ref, keepCase bool) string {
	var b []byte
	ds.texts(r, func(s string) {
		b = foldBytes(b, s, keepCase)
		b = append(b, '\n')
	})
	return string(b)
}
