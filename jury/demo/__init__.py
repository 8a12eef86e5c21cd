"""Demo data for ``manage.py load_demo`` (SPEC section 7): fake people, businesses and testimonials.

Every person here is invented from lists of common first and last names; nothing describes a real person.
"""
