package views

import (
	"reflect"
	"testing"

	"folio/internal/content"
)

// TestDataViewShowsPageData: every field of Data reaches templates
// through DataView, as a field or a method of the same name; but Pieces,
// which a layout writes in place of the calls of those partials
// (PieceOf), not a field of the page.
func TestDataViewShowsPageData(t *testing.T) {
	dv := reflect.TypeFor[*DataView]()
	pd := reflect.TypeFor[Data]()
	for i := range pd.NumField() {
		if !pd.Field(i).IsExported() || pd.Field(i).Name == "Pieces" {
			continue
		}
		name := pd.Field(i).Name
		if _, ok := dv.Elem().FieldByName(name); !ok {
			if _, ok := dv.MethodByName(name); !ok {
				t.Errorf("Data.%s does not reach templates: add it to DataView", name)
			}
		}
	}
}

// TestViewsHideTheModel: no field or method templates reach through a
// DataView or a view gives them the model's objects themselves (a page,
// a book, the site, ...), which a template could change or read outside
// the views' records; only views of them.
func TestViewsHideTheModel(t *testing.T) {
	model := map[reflect.Type]bool{}
	for _, x := range []any{content.Site{}, content.Page{}, content.Book{}, content.Part{}, content.Chapter{},
		content.Blog{}, content.Post{}, content.Series{}, content.Tag{}} {
		model[reflect.TypeOf(x)] = true
	}
	seen := map[reflect.Type]bool{}
	var reaches func(t reflect.Type) bool
	reaches = func(t reflect.Type) bool {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Map || t.Kind() == reflect.Pointer || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		if model[t] {
			return true
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return false
		}
		seen[t] = true
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && reaches(f.Type) {
				return true
			}
		}
		return false
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[*DataView](), reflect.TypeFor[*Page](), reflect.TypeFor[*Book](),
		reflect.TypeFor[*Part](), reflect.TypeFor[*Chapter](), reflect.TypeFor[*Blog](), reflect.TypeFor[*Post](),
		reflect.TypeFor[*Series](), reflect.TypeFor[*Tag](), reflect.TypeFor[*Site]()} {
		seen = map[reflect.Type]bool{typ.Elem(): true}
		for i := range typ.Elem().NumField() {
			if f := typ.Elem().Field(i); f.IsExported() && reaches(f.Type) {
				t.Errorf("%s.%s gives templates a %s", typ.Elem().Name(), f.Name, f.Type)
			}
		}
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			for j := range m.Type.NumOut() {
				if reaches(m.Type.Out(j)) {
					t.Errorf("%s.%s gives templates a %s", typ.Elem().Name(), m.Name, m.Type.Out(j))
				}
			}
		}
	}
}
