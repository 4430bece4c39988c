use super::*;

#[test]
fn calculator_matches_kafka_vector() {
    let r = calculate("foobar", false, "100").unwrap();
    assert_eq!(r.murmur2, -790332482);
    assert_eq!(r.to_positive, 1357151166);
    assert_eq!(r.partition, 1357151166 % 100);
    let r = calculate("00000000", true, "6").unwrap();
    assert_eq!(r.murmur2, 850957120);
    assert_eq!(r.partition, 4);
}

#[test]
fn field_errors_name_the_field() {
    assert_eq!(parse_partitions("0").unwrap_err().field, Field::Partitions);
    assert_eq!(
        parse_partitions("65").unwrap_err().problem,
        FieldProblem::OutOfRange { min: "1".into(), max: "64".into() }
    );
    assert_eq!(parse_partitions("abc").unwrap_err().problem, FieldProblem::NotANumber);
    assert_eq!(parse_partitions("").unwrap_err().problem, FieldProblem::Empty);
    assert_eq!(
        parse_partitions("-3").unwrap_err().problem,
        FieldProblem::OutOfRange { min: "1".into(), max: "64".into() }
    );
    assert_eq!(parse_rate("NaN").unwrap_err().problem, FieldProblem::NotANumber);
    assert_eq!(parse_rate("0").unwrap_err().field, Field::Rate);
    assert_eq!(parse_rate("1e9").unwrap_err().field, Field::Rate);
    assert_eq!(parse_seed("18446744073709551616").unwrap_err().field, Field::Seed);
    assert_eq!(parse_seed(" 42 ").unwrap(), 42);
    assert_eq!(calculate("zz", true, "3").unwrap_err().problem, FieldProblem::HexNotADigit { position: 1 });
    assert_eq!(calculate("abc", true, "3").unwrap_err().problem, FieldProblem::HexOddLength { length: 3 });
}

#[test]
fn layout_fits_narrow_and_wide_screens() {
    let narrow = Layout::for_width(390.0);
    let wide = Layout::for_width(1280.0);
    assert!(narrow.compact && !wide.compact);
    assert!(narrow.lane_x + narrow.cells as f64 * narrow.cell_width <= narrow.view_width);
    assert!(wide.lane_x + wide.cells as f64 * wide.cell_width <= wide.view_width);
    assert!(wide.cells >= 20);
}

#[test]
fn easing_starts_and_ends_in_place() {
    assert_eq!(ease_in_out(0.0), 0.0);
    assert_eq!(ease_in_out(1.0), 1.0);
    let (x, y) = flight_point((0.0, 0.0), (100.0, 50.0), 1.0);
    assert!((x - 100.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9);
}

#[test]
fn key_labels_are_short() {
    assert_eq!(key_label(&Key::from_bytes(b"user-12").unwrap()), "12");
    assert_eq!(key_label(&Key::from_bytes(b"key-ab12cd34").unwrap()), "ab");
    assert_eq!(key_label(&Key::from_bytes(b"order").unwrap()), "er");
}
