package csdl

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
)

// schemaXML is a small CSDL in the shape of Graph's: an aliased namespace
// whose types refer to each other as graph.x, a second namespace that uses
// the full name, abstract and open types, navigation properties, collections
// and an enum.
const schemaXML = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color">
        <Member Name="red" Value="0" />
        <Member Name="green" Value="1" />
        <Member Name="unknownFutureValue" Value="2" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="item" BaseType="graph.entity" OpenType="true">
        <Property Name="name" Type="Edm.String" />
        <Property Name="size" Type="Edm.Int64" />
        <Property Name="ratio" Type="Edm.Single" />
        <Property Name="tags" Type="Collection(Edm.String)" Nullable="false" />
        <Property Name="shade" Type="graph.color" />
        <Property Name="owner" Type="graph.identity" />
        <Property Name="eTag" Type="Edm.String" />
        <NavigationProperty Name="children" Type="Collection(graph.item)" ContainsTarget="true" />
      </EntityType>
      <ComplexType Name="identity">
        <Property Name="displayName" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="undocumented" />
      <Action Name="copy" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.item" />
        <Property Name="notAProperty" Type="Edm.String" />
      </Action>
      <Annotations Target="microsoft.graph.item">
        <Annotation Term="Org.OData.Core.V1.Description" String="not a type" />
      </Annotations>
    </Schema>
    <Schema Namespace="microsoft.graph.callRecords" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="callRecord" BaseType="microsoft.graph.entity">
        <Property Name="organizer" Type="microsoft.graph.identity" />
        <NavigationProperty Name="sessions" Type="Collection(microsoft.graph.callRecords.session)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="session" BaseType="graph.entity" />
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`

func readTestSchema(t *testing.T) *Schema {
	t.Helper()
	s, err := Read("metadata.xml", []byte(schemaXML))
	require.NoError(t, err)
	return s
}

func TestRead(t *testing.T) {
	s := readTestSchema(t)
	var names []string
	for _, ty := range s.Types {
		names = append(names, fmt.Sprintf("%s %s base=%q", ty.Kind, ty.QualifiedName(), ty.BaseType))
	}
	assert.Equal(t, []string{
		`enum microsoft.graph.color base=""`,
		`entity microsoft.graph.entity base=""`,
		`entity microsoft.graph.item base="microsoft.graph.entity"`,
		`complex microsoft.graph.identity base=""`,
		`complex microsoft.graph.undocumented base=""`,
		`entity microsoft.graph.callRecords.callRecord base="microsoft.graph.entity"`,
		`entity microsoft.graph.callRecords.session base="microsoft.graph.entity"`,
	}, names)

	item := s.Lookup("MICROSOFT.GRAPH.ITEM")
	require.NotNil(t, item)
	assert.True(t, item.OpenType)
	assert.Same(t, s.Lookup("microsoft.graph.entity"), item.Base)
	assert.True(t, item.Base.Abstract)
	var props []string
	for _, p := range item.Properties {
		props = append(props, fmt.Sprintf("%s %s nav=%v nullable=%v line=%d", p.Name, TypeString(p.Type, p.Collection), p.Navigation, p.Nullable, p.Pos.Line))
	}
	assert.Equal(t, []string{
		"name Edm.String nav=false nullable=true line=17",
		"size Edm.Int64 nav=false nullable=true line=18",
		"ratio Edm.Single nav=false nullable=true line=19",
		"tags Collection(Edm.String) nav=false nullable=false line=20",
		"shade microsoft.graph.color nav=false nullable=true line=21",
		"owner microsoft.graph.identity nav=false nullable=true line=22",
		"eTag Edm.String nav=false nullable=true line=23",
		"children Collection(microsoft.graph.item) nav=true nullable=true line=24",
	}, props, "aliases expanded, Collection() unwrapped, Action parameters ignored")
	assert.NotNil(t, item.Property("id"), "inherited from entity")
	assert.Equal(t, "metadata.xml:16:7", item.Pos.String())
	assert.Equal(t, []Member{
		{Name: "red", Value: "0", Pos: diag.Pos{File: "metadata.xml", Line: 6, Col: 9}},
		{Name: "green", Value: "1", Pos: diag.Pos{File: "metadata.xml", Line: 7, Col: 9}},
		{Name: "unknownFutureValue", Value: "2", Pos: diag.Pos{File: "metadata.xml", Line: 8, Col: 9}},
	}, stripOffsets(s.Lookup("microsoft.graph.color").Members))
}

func stripOffsets(ms []Member) []Member {
	out := make([]Member, len(ms))
	for i, m := range ms {
		m.Pos.Offset = 0
		out[i] = m
	}
	return out
}

func TestReadRejectsBrokenXML(t *testing.T) {
	_, err := Read("bad.xml", []byte("<Edmx><Schema Namespace=\"a\">\n<EntityType Name=\"x\">\n</Schema>"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.xml:3:")
}

// docs builds a hand-written IR for the schema above, with one instance of
// every kind of difference. Positions are one line per property in one page.
func docs() *ir.Program {
	line := 0
	pos := func() diag.Pos { line++; return diag.Pos{File: "resources/item.md", Line: line, Col: 2} }
	prop := func(name, typ string, coll, nav bool) *ir.Property {
		return &ir.Property{Name: name, Type: typ, Collection: coll, Navigation: nav, Pos: pos()}
	}
	entity := &ir.Type{Namespace: "microsoft.graph", Name: "entity", Kind: ir.Entity, Abstract: true, Pos: pos(),
		Properties: []*ir.Property{prop("id", "Edm.String", false, false)}}
	item := &ir.Type{Namespace: "microsoft.graph", Name: "item", Kind: ir.Entity, BaseType: "microsoft.graph.entity", Base: entity, Pos: pos(),
		Properties: []*ir.Property{
			prop("name", "Edm.String", false, false),                // agrees
			prop("size", "edm.int64", false, false),                 // agrees: types compare case-insensitively
			prop("ratio", "Edm.Double", false, false),               // Single vs Double
			prop("tags", "Edm.String", false, false),                // collection-ness
			prop("shade", "Edm.String", false, false),               // enum documented as String
			prop("Owner", "microsoft.graph.identity", false, false), // name case
			prop("children", "microsoft.graph.item", true, false),   // navigation listed as structural
			prop("legacy", "Edm.Boolean", false, false),             // not in the schema
			// eTag is not documented
		}}
	identity := &ir.Type{Namespace: "microsoft.graph", Name: "Identity", Kind: ir.Complex, BaseType: "microsoft.graph.entity", Base: entity, Pos: pos(),
		Properties: []*ir.Property{prop("displayName", "Edm.String", false, false)}}
	color := &ir.Type{Namespace: "microsoft.graph", Name: "color", Kind: ir.Enum, Pos: pos(),
		Members: []*ir.Member{{Name: "Red", Pos: pos()}, {Name: "blue", Pos: pos()}}}
	callRecord := &ir.Type{Namespace: "microsoft.graph", Name: "callRecord", Kind: ir.Entity, Pos: pos()}
	extra := &ir.Type{Namespace: "microsoft.graph", Name: "docsOnly", Kind: ir.Complex, Pos: pos()}
	// Rows of item's page that repeat entity's id: what they say is
	// compared all the same.
	item.Restated = []*ir.Property{
		prop("id", "Edm.Guid", false, false),   // restated with another type
		prop("ID", "Edm.String", false, false), // restated with other case
	}
	p := &ir.Program{Types: []*ir.Type{entity, item, identity, color, callRecord, extra}}
	p.Index()
	return p
}

func TestDiff(t *testing.T) {
	var got []string
	for _, d := range Diff(docs(), readTestSchema(t)) {
		pos := d.Pos.String()
		if !d.Pos.IsValid() {
			pos = d.SchemaPos.String()
		}
		got = append(got, fmt.Sprintf("%s: %s: %s", pos, d.Kind, d.Message()))
	}
	assert.Equal(t, []string{
		"resources/item.md:3:2: property-not-in-docs: schema property eTag of microsoft.graph.item (Edm.String) is not documented",
		"resources/item.md:6:2: property-type: type of microsoft.graph.item.ratio: docs say Edm.Double, schema says Edm.Single",
		"resources/item.md:7:2: property-collection: collection-ness of microsoft.graph.item.tags: docs say Edm.String, schema says Collection(Edm.String)",
		"resources/item.md:8:2: property-type: type of microsoft.graph.item.shade: docs say Edm.String, schema says microsoft.graph.color",
		"resources/item.md:9:2: property-name-case: property Owner of microsoft.graph.item is spelled owner in the schema",
		"resources/item.md:10:2: property-navigation: navigation of microsoft.graph.item.children: docs say structural property, schema says navigation property",
		"resources/item.md:11:2: property-not-in-schema: property legacy of microsoft.graph.item is neither declared nor inherited in the schema",
		"resources/item.md:12:2: base-type: base type of microsoft.graph.identity: docs say microsoft.graph.entity, schema says none",
		"resources/item.md:12:2: type-name-case: type name microsoft.graph.Identity is spelled microsoft.graph.identity in the schema",
		"resources/item.md:14:2: member-not-in-docs: schema enum member green of microsoft.graph.color is not documented",
		"resources/item.md:14:2: member-not-in-docs: schema enum member unknownFutureValue of microsoft.graph.color is not documented",
		"resources/item.md:15:2: member-name-case: enum member Red of microsoft.graph.color is spelled red in the schema",
		"resources/item.md:16:2: member-not-in-schema: enum member blue of microsoft.graph.color is not in the schema",
		"resources/item.md:17:2: type-namespace: type callRecord is documented in namespace microsoft.graph; the schema declares it as microsoft.graph.callRecords.callRecord",
		"resources/item.md:18:2: type-not-in-schema: type microsoft.graph.docsOnly is not in the schema",
		"resources/item.md:19:2: property-type: type of microsoft.graph.item.id: docs say Edm.Guid, schema says Edm.String",
		"resources/item.md:20:2: property-name-case: property ID of microsoft.graph.item is spelled id in the schema",
		"metadata.xml:29:7: type-not-in-docs: schema type microsoft.graph.undocumented has no resource page",
		"metadata.xml:43:7: type-not-in-docs: schema type microsoft.graph.callRecords.session has no resource page",
	}, got)
}

func TestDiffAgreesWithItself(t *testing.T) {
	s := readTestSchema(t)
	// An IR made from the schema itself has no differences.
	p := &ir.Program{}
	for _, st := range s.Types {
		it := &ir.Type{Namespace: st.Namespace, Name: st.Name, Kind: st.Kind, BaseType: st.BaseType, Abstract: st.Abstract}
		for _, sp := range st.Properties {
			it.Properties = append(it.Properties, &ir.Property{Name: sp.Name, Type: sp.Type, Collection: sp.Collection, Navigation: sp.Navigation})
		}
		for _, m := range st.Members {
			it.Members = append(it.Members, &ir.Member{Name: m.Name})
		}
		p.Types = append(p.Types, it)
	}
	p.Index()
	for _, it := range p.Types {
		if it.BaseType != "" {
			it.Base = p.Lookup(it.BaseType)
		}
	}
	assert.Empty(t, Diff(p, s))
	f := Agreement(p, s)
	assert.Equal(t, Figures{Types: 6, TypesMatched: 6, TypesExact: 6, Enums: 1, EnumsMatched: 1,
		Declared: 12, NameMatched: 12, FullyMatched: 12, NameAnyCase: 12, Documented: 12}, f)
	assert.Empty(t, f.MeetsReference())
}

func TestAgreement(t *testing.T) {
	f := Agreement(docs(), readTestSchema(t))
	// Matched: entity, item, identity (case differs); not callRecord (other
	// namespace), undocumented, session.
	assert.Equal(t, Figures{
		Types: 6, TypesMatched: 3, TypesExact: 2,
		Enums: 1, EnumsMatched: 1,
		// id; item's 8 declared; identity's displayName. eTag is missing, owner
		// is spelled Owner: 10 of 10 by name less those two.
		Declared: 10, NameMatched: 8,
		// ratio (Double), tags (not a collection) and shade (String) differ;
		// children differs in navigation only, which recall does not weigh.
		FullyMatched: 5,
		// Owner is owner with other case; eTag is missing in any case.
		NameAnyCase: 9,
		// id; item's 8 rows and its 2 restated ones; identity's displayName.
		// Owner, legacy and ID are not in the schema under those names.
		Documented: 12, Extra: 3,
		// Owner and ID are owner and id with other case; legacy is extra.
		ExtraAnyCase: 1,
	}, f)
	assert.InDelta(t, 0.5, f.TypeShare(), 1e-9)
	assert.InDelta(t, 0.8, f.NameRecall(), 1e-9)
	assert.InDelta(t, 0.5, f.FullRecall(), 1e-9)
	assert.InDelta(t, 0.25, f.ExtraShare(), 1e-9)
	reported := 0
	for _, d := range Diff(docs(), readTestSchema(t)) {
		if d.Kind == PropertyNotInSchema || d.Kind == PropertyNameCase {
			reported++
		}
	}
	assert.Equal(t, f.Extra, reported, "every extra property is a difference Diff reports")
	assert.Len(t, f.MeetsReference(), 4)

	var b strings.Builder
	f.Write(&b)
	assert.Equal(t, `types matched to a resource page:  50.0% (3 of 6 schema entity and complex types; 2 with the same case)
property name recall:              80.0% (8 of 10 properties declared on matched schema types; 90.0%, 9, ignoring letter case)
name+type+collection recall:       50.0% (5 of 10)
properties not in the schema:      25.0% (3 of 12 properties declared on matched docs types; 8.3%, 1, ignoring letter case)
enum types matched:               100.0% (1 of 1 schema enum types; not in the figures above)
`, b.String())
}

func TestMeetsReference(t *testing.T) {
	at := Figures{Types: 1000, TypesMatched: 848, Declared: 1000, NameMatched: 977, FullyMatched: 950, Documented: 1000, Extra: 5}
	assert.Empty(t, at.MeetsReference(), "equal to the reference is enough")
	below := at
	below.NameMatched = 976
	assert.Equal(t, []string{"name recall 97.6% is worse than the reference 97.7%"}, below.MeetsReference())
	above := at
	above.Extra = 6
	assert.Equal(t, []string{"extra properties 0.6% is worse than the reference 0.5%"}, above.MeetsReference())
}

func TestFindings(t *testing.T) {
	diffs := Diff(docs(), readTestSchema(t))
	fs := Findings(diffs)
	positioned := 0
	for _, d := range diffs {
		if d.Pos.IsValid() {
			positioned++
		}
	}
	require.Len(t, fs, positioned, "one finding per difference the docs can be pointed at")
	for _, f := range fs {
		assert.Equal(t, Rule, f.Rule)
		assert.Equal(t, diag.Warning, f.Severity)
		assert.True(t, f.Span.IsValid())
	}
	assert.Equal(t, "resources/item.md:6:2: warning metadata-drift: property-type: type of microsoft.graph.item.ratio: docs say Edm.Double, schema says Edm.Single", fs[1].String())
}

// TestReadRejectsWhatIsNotCSDL: an empty file, a page or another XML
// document would read as a schema without types; each is a positioned error.
func TestReadRejectsWhatIsNotCSDL(t *testing.T) {
	for _, tt := range []struct{ name, doc, want string }{
		{"empty", "", "x.xml:1:1: not a CSDL (EDMX) document: no root element"},
		{"blank", "\n  \n", "x.xml:1:1: not a CSDL (EDMX) document: no root element"},
		{"markdown", "\n---\ntitle: x\n---\n# x <b>\n", "x.xml:2:1: not a CSDL (EDMX) document: text before the root element"},
		{"other root", "<?xml version=\"1.0\"?>\n<html><Schema/></html>", "x.xml:2:1: not a CSDL (EDMX) document: the root element is <html>, want <edmx:Edmx>"},
		{"no schema", "<edmx:Edmx xmlns:edmx=\"e\">\n</edmx:Edmx>\n", "x.xml:1:1: not a CSDL (EDMX) document: no <Schema> element"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("x.xml", []byte(tt.doc))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
	// A byte order mark before the root is not text.
	s, err := Read("x.xml", []byte("\ufeff"+schemaXML))
	require.NoError(t, err)
	assert.NotEmpty(t, s.Types)
}

// TestKindsAreComplete: Kinds lists every Kind constant of diff.go, so a
// new kind cannot be left out of what metadata-diff -kind accepts.
func TestKindsAreComplete(t *testing.T) {
	src, err := os.ReadFile("diff.go")
	require.NoError(t, err)
	consts := regexp.MustCompile(`(?m)^\s*\w+\s+Kind\s*=\s*"([^"]+)"`).FindAllStringSubmatch(string(src), -1)
	require.NotEmpty(t, consts)
	var want, got []string
	for _, m := range consts {
		want = append(want, m[1])
	}
	for _, k := range Kinds {
		got = append(got, string(k))
	}
	assert.Equal(t, want, got)
}

// TestLookupPrefersTheExactSpelling: of schema types whose names differ only
// in letter case, a docs type matches the one spelled as it is.
func TestLookupPrefersTheExactSpelling(t *testing.T) {
	s, err := Read("x.xml", []byte(`<edmx:Edmx xmlns:edmx="e"><edmx:DataServices><Schema Namespace="microsoft.graph">
<ComplexType Name="thing"><Property Name="a" Type="Edm.String"/></ComplexType>
<ComplexType Name="Thing"><Property Name="b" Type="Edm.String"/></ComplexType>
</Schema></edmx:DataServices></edmx:Edmx>`))
	require.NoError(t, err)
	assert.Equal(t, "Thing", s.Lookup("microsoft.graph.Thing").Name)
	assert.Equal(t, "thing", s.Lookup("microsoft.graph.thing").Name)
	assert.Equal(t, "thing", s.Lookup("microsoft.graph.THING").Name, "else the first declared")

	p := &ir.Program{Types: []*ir.Type{{Namespace: "microsoft.graph", Name: "Thing", Kind: ir.Complex,
		Properties: []*ir.Property{{Name: "b", Type: "Edm.String", Pos: diag.Pos{File: "resources/thing.md", Line: 1, Col: 1}}}}}}
	p.Index()
	for _, d := range Diff(p, s) {
		assert.NotEqual(t, TypeNameCase, d.Kind, d.Message())
		assert.False(t, d.Kind == TypeNotInDocs && strings.HasSuffix(d.Message(), ".Thing has no resource page"), d.Message())
	}
}

// TestMemberValue: an enum member whose documented value differs from the
// schema's is a member-value difference; the same number written otherwise
// ("0x5") and a value given on one side only are not.
func TestMemberValue(t *testing.T) {
	for _, c := range []struct {
		docs, schema string
		want         bool
	}{
		{"5", "6", true}, {"5", "5", false}, {"0x5", "5", false}, {"", "5", false}, {"5", "", false}, {"five", "5", true}, {"-1", "0", true},
	} {
		assert.Equal(t, c.want, differentValues(c.docs, c.schema), "%q %q", c.docs, c.schema)
	}
	st := &Type{Namespace: "microsoft.graph", Name: "hive", Kind: ir.Enum, Members: []Member{{Name: "a", Value: "5"}, {Name: "b", Value: "6"}}}
	dt := &ir.Type{Namespace: "microsoft.graph", Name: "hive", Kind: ir.Enum, Members: []*ir.Member{
		{Name: "a", Value: "5", Pos: diag.Pos{File: "resources/enums.md", Line: 3, Col: 3}},
		{Name: "b", Value: "7", Pos: diag.Pos{File: "resources/enums.md", Line: 4, Col: 3}},
	}}
	d := diffMembers(dt, st)
	require.Len(t, d, 1)
	assert.Equal(t, MemberValue, d[0].Kind)
	assert.Equal(t, "resources/enums.md:4:3", d[0].Pos.String())
	assert.Equal(t, "value of enum member b of microsoft.graph.hive: docs say 7, schema says 6", d[0].Message())
}
