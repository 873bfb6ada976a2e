package gosrc

import (
	"math"
	"strings"
	"testing"

	"casia/model"
)

func TestLiteral(t *testing.T) {
	tenth := 0.1
	fig := &model.Figure{Value: 1e6, Unit: "people", Approx: true, Confidence: model.Verified, Sources: []string{"a"}}
	got, err := literal(model.Country{
		ID:         "kz",
		Names:      model.Names{Common: "Kazakhstan", Russian: "Казахстан"},
		Capital:    &model.Place{Name: "Astana", Lon: 71.4491, Lat: 51.1801},
		Population: fig,
		Memberships: []model.Membership{
			{Org: model.OrgSCO, Role: model.Member, Since: "2001-06-15"},
		},
		TradeHistory: []model.Figure{{Value: tenth + 0.2, Year: -1}, {}},
		Notes:        []model.Fact{},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `model.Country{
ID: "kz",
Names: model.Names{
Common: "Kazakhstan",
Russian: "Казахстан",
},
Capital: &model.Place{
Name: "Astana",
Lon: 71.4491,
Lat: 51.1801,
},
Population: &model.Figure{
Value: 1e+06,
Unit: "people",
Approx: true,
Confidence: "verified",
Sources: []string{
"a",
},
},
TradeHistory: []model.Figure{
{
Value: 0.30000000000000004,
Year: -1,
},
{
},
},
Memberships: []model.Membership{
{
Org: "sco",
Role: "member",
Since: "2001-06-15",
},
},
Notes: []model.Fact{
},
}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	got, err = literal([]*model.Stat{{Label: "x\x00\"", Figure: model.Figure{Value: 2}}, nil})
	if err != nil {
		t.Fatal(err)
	}
	if want := "[]*model.Stat{\n{\nLabel: \"x\\x00\\\"\",\nFigure: model.Figure{\nValue: 2,\n},\n},\nnil,\n}"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLiteralRefuses(t *testing.T) {
	shared := &model.Figure{Value: 1}
	for _, c := range []struct {
		v    any
		want string
	}{
		{model.Figure{Value: math.NaN()}, "value.Value: NaN has no Go constant"},
		{[]model.Place{{Lat: math.Inf(-1)}}, "value[0].Lat: -Inf has no Go constant"},
		{model.Place{Lon: math.Copysign(0, -1)}, "value.Lon: negative zero"},
		{model.Stat{Figure: model.Figure{Value: math.Copysign(0, -1)}}, "value.Figure.Value: negative zero"},
		{model.Country{Area: shared, GDP: shared}, "value.GDP: the same model.Figure is reachable twice"},
		{map[string]string{"a": "b"}, "value: map values are not supported"},
		{struct{ A int }{1}, "unnamed type struct"},
	} {
		_, err := literal(c.v)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%#v: error %v, want %q", c.v, err, c.want)
		}
	}
}
