package views

import (
	"reflect"
	"time"

	"folio/internal/content"
)

// This file fingerprints values as templates receive them, by what they
// hold rather than by a list of their fields: a field added to a view or
// to Data is in its digest without a line here. Pointers to the
// model's objects (pages, books, series, ...) stand for the object's
// identity, its path: what templates read of the object itself goes
// through views, which record it (views.go, reads.go).

var timeType = reflect.TypeFor[time.Time]()

// value writes v's exported content.
func (f *Fingerprint) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		f.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.Int(int(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		f.U64(v.Uint())
	case reflect.Float32, reflect.Float64:
		f.Str(v.String())
	case reflect.String:
		f.Str(v.String())
	case reflect.Slice, reflect.Array:
		f.Int(v.Len())
		for i := range v.Len() {
			f.value(v.Index(i))
		}
	case reflect.Map:
		f.mapValue(v)
	case reflect.Pointer, reflect.Interface:
		f.Bool(v.IsNil())
		if v.IsNil() {
			return
		}
		if id, ok := modelIdentity(v); ok {
			f.Str(id)
			return
		}
		f.value(v.Elem())
	case reflect.Struct:
		f.structValue(v)
	}
}

func (f *Fingerprint) structValue(v reflect.Value) {
	t := v.Type()
	if t == timeType {
		f.Time(v.Interface().(time.Time))
		return
	}
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			f.value(v.Field(i))
		}
	}
}

// mapValue writes a map in no particular order: the sum of its entries'
// fingerprints does not depend on it.
func (f *Fingerprint) mapValue(v reflect.Value) {
	f.Int(v.Len())
	var sum uint64
	it := v.MapRange()
	for it.Next() {
		e := Seeded()
		e.value(it.Key())
		e.value(it.Value())
		sum += e.Sum()
	}
	f.U64(sum)
}

// modelIdentity names the model object v points at, if it is one.
func modelIdentity(v reflect.Value) (string, bool) {
	if v.Kind() != reflect.Pointer || v.Type().Elem().PkgPath() != modelPkg {
		return "", false
	}
	switch x := v.Interface().(type) {
	case *content.Site:
		return "site", true
	case *content.Page:
		return x.Path, true
	case *content.Book:
		return x.Index.Path, true
	case *content.Blog:
		return x.Index.Path, true
	case *content.Chapter:
		return x.Page.Path, true
	case *content.Post:
		return x.Page.Path, true
	case *content.Part:
		return PartIdentity(x), true
	case *content.Series:
		return "series " + x.Slug, true
	case *content.Tag:
		return "tag " + x.Slug, true
	}
	return "", false
}

var modelPkg = reflect.TypeFor[content.Page]().PkgPath()

// PartIdentity names a part by its page, or without one (the chapters
// before the first part) by its first chapter.
func PartIdentity(p *content.Part) string {
	switch {
	case p.Index != nil:
		return p.Index.Path
	case len(p.Chapters) > 0:
		return "part of " + p.Chapters[0].Page.Path
	}
	return "part of " + p.Book.Index.Path
}

// Digest fingerprints x by what it holds.
func Digest(x any) uint64 {
	f := Seeded()
	f.value(reflect.ValueOf(x))
	return f.Sum()
}
