"""What customers write: templated phrases per language and intent, varied the way people type.

Variation matters to the keyword rules downstream: Arabic arrives with or without diacritics and with
the alef, alef maqsura/ya and ta marbuta/ha variants, Russian with or without yo, everyone with typos.
"""

from __future__ import annotations

import random

_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {
        "greeting": ("السلام عليكم", "مرحبا", "اهلا، ممكن مساعدة؟", "مساء الخير", "صباح الخير اخي"),
        "price": (
            "كم السعر؟",
            "بكم {product}؟",
            "ابغى اعرف سعر {product}",
            "ممكن الأسعار لو سمحت",
            "إيش آخر سعر للكمية {qty}؟",
        ),
        "quote": (
            "ارسل لي عرض السعر",
            "ممكن ترسلون عرض سعر لـ {qty} قطعة؟",
            "أرسل الفاتورة المبدئية من فضلك",
        ),
        "order": ("وين طلبي؟", "متى يوصل الطلب رقم {order}؟", "الطلب متأخر، ما وصلني شي", "أين الشحنة؟"),
        "availability": ("هل {product} متوفر؟", "عندكم {product} الحين؟", "متى يتوفر {product} مرة ثانية؟"),
        "thanks": ("شكرا جزيلا", "مشكور", "الله يعطيك العافية", "تمام، شكراً"),
        "complaint": ("المنتج وصل مكسور", "الخدمة سيئة جداً", "ما أحد يرد علي!"),
    },
    "ru": {
        "greeting": ("Здравствуйте", "Добрый день!", "Привет, подскажите пожалуйста", "Добрый вечер"),
        "price": (
            "Сколько стоит {product}?",
            "Какая цена?",
            "подскажите цену на {product}",
            "Прайс пришлите",
            "Есть скидка от {qty} шт?",
        ),
        "quote": ("Пришлите коммерческое предложение", "Отправьте счёт на {qty} штук", "жду КП на почту"),
        "order": (
            "Где мой заказ?",
            "Когда доставка заказа {order}?",
            "заказ ещё не пришёл",
            "Трек номер есть?",
        ),
        "availability": ("{product} есть в наличии?", "Когда будет {product}?", "Есть на складе?"),
        "thanks": ("Спасибо!", "Спасибо большое", "Всё получил, спасибо", "ок, спасибо"),
        "complaint": ("Пришёл брак", "Почему так долго отвечаете?", "Верните деньги"),
    },
    "en": {
        "greeting": ("Hi", "Hello, is anyone there?", "Good morning", "hey", "Hi there, quick question"),
        "price": (
            "How much is {product}?",
            "what's the price",
            "Price for {qty} units pls",
            "can u share price list",
            "Any discount for {qty} pcs?",
        ),
        "quote": (
            "Please send the quote",
            "send me a quotation for {qty} units",
            "Can you email the proforma?",
        ),
        "order": (
            "Where is my order?",
            "when will order {order} arrive",
            "My order hasn't arrived yet",
            "tracking number?",
        ),
        "availability": (
            "Is {product} available?",
            "do you have {product} in stock",
            "when is {product} back?",
        ),
        "thanks": ("Thanks!", "thank you so much", "ok thx", "Great, thanks"),
        "complaint": ("The item arrived damaged", "Nobody is answering!!", "I want a refund"),
    },
}
_INTENTS = ("greeting", "price", "quote", "order", "availability", "thanks", "complaint")
_INTENT_WEIGHTS = (20, 25, 12, 15, 12, 12, 4)
_PRODUCTS = {
    "ar": ("الكراسي", "المكيف", "الطابعة", "العطر"),
    "ru": ("кресло", "кондиционер", "принтер", "ёлка"),
    "en": ("the chair", "the AC unit", "the printer", "the starter kit"),
}
# Letters people write interchangeably: hamza forms of alef, alef maqsura and ya, ta marbuta and ha.
_ARABIC_VARIANTS = {"أ": "اإآ", "إ": "اأ", "ى": "ي", "ي": "ى", "ة": "ه"}  # noqa: RUF001
_DIACRITICS = "\u064e\u064f\u0650\u0651\u064b"


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    at = rng.randrange(1, len(text) - 1)
    if rng.random() < 0.5:
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text[:at] + text[at + 1 :]


def _arabic_variants(rng: random.Random, text: str) -> str:
    chars = [rng.choice(_ARABIC_VARIANTS[c]) if c in _ARABIC_VARIANTS and rng.random() < 0.5 else c for c in text]
    if rng.random() < 0.3:  # a few letters voweled, as some people type
        chars = [c + rng.choice(_DIACRITICS) if "\u0621" <= c <= "\u064a" and rng.random() < 0.2 else c for c in chars]
    return "".join(chars)


def _russian_yo(rng: random.Random, text: str) -> str:
    """Most Russians type the plain ie for yo; a few write yo where it belongs."""
    return text.replace("ё", "е").replace("Ё", "Е") if rng.random() < 0.7 else text  # noqa: RUF001


def pick_intent(rng: random.Random) -> str:
    """What a customer writes about, with realistic frequencies."""
    return rng.choices(_INTENTS, _INTENT_WEIGHTS)[0]


def customer_text(rng: random.Random, language: str, intent: str) -> str:
    """One customer message about `intent`."""
    text = rng.choice(_PHRASES[language][intent]).format(
        product=rng.choice(_PRODUCTS[language]),
        qty=rng.choice((5, 10, 20, 50, 100)),
        order=f"#{rng.randint(10000, 99999)}",
    )
    if language == "ar":
        text = _arabic_variants(rng, text)
    elif language == "ru":
        text = _russian_yo(rng, text)
    if rng.random() < 0.15:
        text = _typo(rng, text)
    if rng.random() < 0.2:
        text = text.lower()
    if rng.random() < 0.1:
        text += rng.choice((" 🙏", " 👍", "??", "!!", " 😊"))
    return text
