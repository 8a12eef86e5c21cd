from PIL import Image

from jury.domain import drawing


def _ink(text: str) -> Image.Image:
    image = Image.new("L", (300, 160), 0)
    drawing.draw_text(image, (20, 120), text, size=80, fill=255)
    return image


def test_french_letters_are_drawn_with_their_accents():
    plain, acute, grave, cedilla = _ink("e"), _ink("é"), _ink("è"), _ink("ç")

    assert acute.getbbox()[1] < plain.getbbox()[1]  # ink above the letter
    assert acute.tobytes() != grave.tobytes()
    assert cedilla.getbbox()[3] > _ink("c").getbbox()[3]  # the cedilla hangs below the baseline
    assert drawing.text_width("œ", 40) > drawing.text_width("o", 40)  # a real ligature, not « oe » cut


def test_long_names_are_wrapped_and_shrunk_to_fit():
    name = "Boulangerie et pâtisserie artisanale du Vieux-Sherbrooke et de ses environs"

    lines, size = drawing.fit(name, sizes=(96, 72, 54), width=1040, height=330)

    assert size < 96
    assert len(lines) * drawing.line_height(size) <= 330
    assert all(drawing.text_width(line, size) <= 1040 for line in lines)
    assert " ".join(lines) == name


def test_text_that_cannot_fit_is_cut_with_an_ellipsis():
    lines, size = drawing.fit("mot " * 200, sizes=(40,), width=300, height=100)
    assert size == 40
    assert len(lines) == 100 // drawing.line_height(40)
    assert lines[-1].endswith(" …")
