"""Names per language, in Latin letters (as a CRM holds them) and in the script people use on WhatsApp."""

from __future__ import annotations

import random

# (latin, native script) pairs; English-speaking markets use the Latin form on both sides.
_FIRST = {
    "ar": (
        ("Ahmed", "أحمد"),
        ("Mohammed", "محمد"),
        ("Fatima", "فاطمة"),
        ("Omar", "عمر"),
        ("Aisha", "عائشة"),
        ("Khalid", "خالد"),
        ("Layla", "ليلى"),
        ("Yousef", "يوسف"),
        ("Mariam", "مريم"),
        ("Hassan", "حسن"),
        ("Noura", "نورة"),
        ("Ali", "علي"),
        ("Salma", "سلمى"),
        ("Tariq", "طارق"),
        ("Huda", "هدى"),
    ),
    "ru": (
        ("Alexey", "Алексей"),
        ("Olga", "Ольга"),
        ("Dmitry", "Дмитрий"),
        ("Anna", "Анна"),
        ("Sergey", "Сергей"),
        ("Yulia", "Юлия"),
        ("Artyom", "Артём"),
        ("Elena", "Елена"),
        ("Aidar", "Айдар"),
        ("Fyodor", "Фёдор"),
        ("Aigerim", "Айгерим"),
        ("Pyotr", "Пётр"),
        ("Natalia", "Наталья"),
        ("Ivan", "Иван"),
        ("Semyon", "Семён"),
    ),
    "en": (
        ("James", "James"),
        ("Priya", "Priya"),
        ("Carlos", "Carlos"),
        ("Emily", "Emily"),
        ("Rahul", "Rahul"),
        ("Sofia", "Sofia"),
        ("Michael", "Michael"),
        ("Ana", "Ana"),
        ("Lucas", "Lucas"),
        ("Olivia", "Olivia"),
        ("Diego", "Diego"),
        ("Sarah", "Sarah"),
        ("Arjun", "Arjun"),
        ("Valentina", "Valentina"),
        ("Tom", "Tom"),
    ),
}
_LAST = {
    "ar": (
        ("Al Mansouri", "المنصوري"),
        ("Haddad", "حداد"),
        ("Al Qahtani", "القحطاني"),
        ("Farouk", "فاروق"),
        ("El Sayed", "السيد"),
        ("Al Harbi", "الحربي"),
        ("Nasser", "ناصر"),
        ("Khoury", "خوري"),
    ),
    "ru": (
        ("Ivanov", "Иванов"),
        ("Smirnova", "Смирнова"),
        ("Kuznetsov", "Кузнецов"),
        ("Popova", "Попова"),
        ("Nurlanov", "Нурланов"),
        ("Sokolov", "Соколов"),
        ("Fyodorova", "Фёдорова"),
        ("Lebedev", "Лебедев"),
    ),
    "en": (
        ("Smith", "Smith"),
        ("Patel", "Patel"),
        ("Garcia", "Garcia"),
        ("Johnson", "Johnson"),
        ("Silva", "Silva"),
        ("Sharma", "Sharma"),
        ("Fernandez", "Fernandez"),
        ("Brown", "Brown"),
    ),
}
_EMOJI = ("", "", "", " 🌸", " ✨", " 🇦🇪", " ☀️")
COMPANIES = (
    "Gulf Trading",
    "Nile Supplies",
    "Volga Logistics",
    "Steppe Foods",
    "Thames Retail",
    "Hudson Works",
    "Mumbai Textiles",
    "Monterrey Build",
    "Pampa Agro",
    "Rio Pack",
    "Desert Rose Hotels",
)


def pick_name(rng: random.Random, language: str) -> tuple[str, str, str]:
    """(CRM first name, CRM last name, WhatsApp profile name) for one person."""
    first_latin, first_native = rng.choice(_FIRST[language])
    last_latin, last_native = rng.choice(_LAST[language])
    roll = rng.random()
    if roll < 0.5:
        profile = f"{first_native} {last_native}"
    elif roll < 0.8:
        profile = first_native + rng.choice(_EMOJI)
    elif roll < 0.95:
        profile = f"{first_latin} {last_latin[0]}."
    else:
        profile = first_latin.lower()
    return first_latin, last_latin, profile


def email_for(rng: random.Random, first: str, last: str) -> str:
    user = f"{first}.{last}".lower().replace(" ", "")
    domain = rng.choice(("gmail.com", "outlook.com", "yahoo.com", "mail.ru", "yandex.ru", "company.ae", "biz.sa"))
    return f"{user}{rng.randint(1, 99) if rng.random() < 0.4 else ''}@{domain}"
