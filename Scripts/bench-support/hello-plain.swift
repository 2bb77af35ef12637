// Reference for Scripts/bench: a Swift program with the standard library only.
print("hello")
