//! Prints the code-highlighting stylesheet of the default theme:
//! `cargo run --example highlight-css > static/theme/highlight.css`.

fn main() {
    print!("{}", handbok::highlight::stylesheet());
}
