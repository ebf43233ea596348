package build

import (
	"reflect"
	"testing"
)

// TestDataViewShowsPageData: every field of PageData reaches templates
// through dataView, as a field or a method of the same name.
func TestDataViewShowsPageData(t *testing.T) {
	dv := reflect.TypeFor[*dataView]()
	pd := reflect.TypeFor[PageData]()
	for i := range pd.NumField() {
		if !pd.Field(i).IsExported() {
			continue
		}
		name := pd.Field(i).Name
		if _, ok := dv.Elem().FieldByName(name); !ok {
			if _, ok := dv.MethodByName(name); !ok {
				t.Errorf("PageData.%s does not reach templates: add it to dataView", name)
			}
		}
	}
}
