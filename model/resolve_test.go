package model

import (
	"slices"
	"testing"
)

func TestCountriesNamed(t *testing.T) {
	ds := loadMinimal(t)
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"kz", []string{"kz"}},
		{"KAZ", []string{"kz"}},
		{"Kazakhstan", []string{"kz"}},
		{"qazaqstan", []string{"kz"}},
		{"Қазақстан Республикасы", []string{"kz"}},
		{"казахстан", []string{"kz"}},
		{"哈萨克斯坦", []string{"kz"}},
		{"kazakh", []string{"kz"}},
		{"prc", []string{"cn"}},
		{"china", []string{"cn"}},
		{"  China ", []string{"cn"}},
		{"k", nil},
		{"", nil},
		{"mongolia", nil},
	} {
		if got := ds.CountriesNamed(c.in); !slices.Equal(got, c.want) {
			t.Errorf("CountriesNamed(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
