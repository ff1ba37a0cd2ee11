"""Demo content: a real-looking site in Latvian, English, Russian and Ukrainian.

Every phone number here except 112 is fictitious (the 8000 00xx range is unassigned and marked
as such). Facts about the referral mechanism come from the Ministry of the Interior's
documents in the project's seed material.
"""
